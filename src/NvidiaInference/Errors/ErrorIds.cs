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
        public const string InvalidEnvironment = "NimInvalidEnvironmentSetting";
    }
}
