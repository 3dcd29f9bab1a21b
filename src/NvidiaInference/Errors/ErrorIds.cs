namespace NvidiaInference.Errors
{
    /// <summary>The stable ErrorIds of the module: scripts match on them, so they never change.</summary>
    internal static class ErrorIds
    {
        public const string InvalidRequest = "NimInvalidRequest";
        public const string ConflictingParameters = "NimConflictingParameters";
        public const string InvalidChunk = "NimInvalidChunk";
        public const string UnsupportedInput = "NimUnsupportedInput";
        public const string StreamError = "NimStreamError";
        public const string StreamTruncated = "NimStreamTruncated";
        public const string EventTooLarge = "NimEventTooLarge";
        public const string InvalidEnvironment = "NimInvalidEnvironmentSetting";
        public const string BadRequest = "NimBadRequest";
        public const string Unauthorized = "NimUnauthorized";
        public const string Forbidden = "NimForbidden";
        public const string NotFound = "NimNotFound";
        public const string RateLimited = "NimRateLimited";
        public const string ServerError = "NimServerError";
        public const string RequestFailed = "NimRequestFailed";
        public const string Timeout = "NimTimeout";
        public const string IdleTimeout = "NimIdleTimeout";
        public const string ConnectionFailed = "NimConnectionFailed";
        public const string StreamInterrupted = "NimStreamInterrupted";
        public const string InvalidResponse = "NimInvalidResponse";
        public const string ApiKeyRequired = "NimApiKeyRequired";
        public const string UnencryptedAuthentication = "NimUnencryptedAuthentication";
        public const string ChatFile = "NimChatFile";
        public const string ChatNotInteractive = "NimChatNotInteractive";
    }
}
