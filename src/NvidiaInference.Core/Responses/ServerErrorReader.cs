using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Responses
{
    /// <summary>Reads an error from any of the body shapes of docs/errors.md, Server error bodies.</summary>
    internal static class ServerErrorReader
    {
        private const int MaxRawText = 500;

        /// <summary>
        /// Reads an error body. JSON of a known shape gives its message, a JSON string its text; other text is kept as
        /// the message (trimmed to 500 characters); an empty body gives null.
        /// </summary>
        public static ServerError? Read(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(LoneSurrogateEscapes.Repair(body!));
                if (TryRead(document.RootElement, out ServerError? error))
                {
                    return error;
                }

                if (document.RootElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(document.RootElement.GetString()))
                {
                    // A bare JSON string (some gateways): its text, not its quotes, is the message.
                    body = document.RootElement.GetString();
                }
            }
            catch (JsonException)
            {
                // Not JSON: a proxy's HTML or plain text. Fall through to the raw text.
            }

            string text = body!.Trim();
            return new ServerError(text.Length <= MaxRawText ? text : text.Substring(0, MaxRawText) + "...", null, null, null);
        }

        /// <summary>True when a stream event's JSON is an error: an <c>error</c> member, or <c>object: "error"</c>.</summary>
        internal static bool IsErrorObject(JsonElement root) =>
            root.ValueKind == JsonValueKind.Object &&
            ((root.TryGet("error"u8, out JsonElement error) && !(error.ValueKind == JsonValueKind.String && error.ValueEquals(default(System.ReadOnlySpan<byte>))) && error.ValueKind != JsonValueKind.False)
             || root.HasString("object"u8, "error"u8));

        internal static bool TryRead(JsonElement root, out ServerError? error)
        {
            error = null;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGet("error", out JsonElement inner))
            {
                error = inner.ValueKind == JsonValueKind.Object
                    ? FromFlat(inner)
                    : new ServerError(inner.AsText() ?? inner.GetRawText(), null, null, null);
                return true;
            }

            if (root.GetStringOrNull("object") == "error" || root.TryGet("message", out _))
            {
                error = FromFlat(root);
                return true;
            }

            if (root.TryGet("title", out _) || root.TryGet("status", out _) && root.TryGet("detail", out _))
            {
                string title = root.GetStringOrNull("title") ?? string.Empty;
                string? detail = root.GetStringOrNull("detail");
                error = new ServerError(detail ?? title, title.Length > 0 ? title : null, root.GetStringOrNull("status"), null);
                return true;
            }

            if (root.TryGet("detail", out JsonElement fastApiDetail))
            {
                error = new ServerError(DetailMessage(fastApiDetail), null, null, null);
                return true;
            }

            return false;
        }

        private static ServerError FromFlat(JsonElement element) =>
            new ServerError(
                element.GetStringOrNull("message") ?? element.GetStringOrNull("detail") ?? element.GetRawText(),
                element.GetStringOrNull("type"),
                element.GetStringOrNull("code"),
                element.GetStringOrNull("param"));

        /// <summary>FastAPI's detail: a string, or a list of {loc, msg} joined as "loc: msg; ...".</summary>
        private static string DetailMessage(JsonElement detail)
        {
            if (detail.ValueKind != JsonValueKind.Array)
            {
                return detail.AsText() ?? detail.GetRawText();
            }

            var parts = new List<string>();
            foreach (JsonElement item in detail.EnumerateArray())
            {
                string message = item.GetStringOrNull("msg") ?? item.GetRawText();
                if (item.TryGet("loc", out JsonElement loc) && loc.ValueKind == JsonValueKind.Array)
                {
                    var path = new List<string>();
                    foreach (JsonElement segment in loc.EnumerateArray())
                    {
                        path.Add(segment.AsText() ?? string.Empty);
                    }

                    message = string.Join(".", path) + ": " + message;
                }

                parts.Add(message);
            }

            return string.Join("; ", parts);
        }
    }
}
