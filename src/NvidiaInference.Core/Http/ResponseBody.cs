using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference.Http
{
    /// <summary>
    /// Reads a whole response body as text without ever holding more than a limit in memory; each read is bounded by
    /// the call's idle and total timeouts.
    /// </summary>
    internal static class ResponseBody
    {
        /// <summary>The body as text, or <see cref="NimEventTooLargeException"/> when it is longer than <paramref name="maxBytes"/>.</summary>
        public static string Read(HttpResponseMessage response, CallDeadline deadline, int maxBytes)
        {
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            (byte[] bytes, int length, bool complete) = ReadBytes(response, deadline, maxBytes);
            return complete ? Decode(response, bytes, length) : throw TooLarge(maxBytes);
        }

        /// <summary>The first <paramref name="maxBytes"/> of the body as text; the rest is never read.</summary>
        public static string ReadStart(HttpResponseMessage response, CallDeadline deadline, int maxBytes)
        {
            (byte[] bytes, int length, _) = ReadBytes(response, deadline, maxBytes);
            return Decode(response, bytes, length);
        }

        /// <summary>Reads up to <paramref name="maxBytes"/>; complete is false when the body holds more.</summary>
        private static (byte[] Bytes, int Length, bool Complete) ReadBytes(HttpResponseMessage response, CallDeadline deadline, int maxBytes)
        {
            Stream body = deadline.Wait(t => WithCancellation(response.Content.ReadAsStreamAsync(), t), "the response body");
            long announced = response.Content.Headers.ContentLength ?? 0;
            var buffer = new byte[(int)Math.Min(Math.Max(announced + 1, 16 * 1024), (long)maxBytes + 1)];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        return (buffer, maxBytes, false);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
                }

                int offset = length;
                int read = deadline.Wait(t => body.ReadAsync(buffer, offset, buffer.Length - offset, t), "the response body");
                if (read == 0)
                {
                    return length > maxBytes ? (buffer, maxBytes, false) : (buffer, length, true);
                }

                length += read;
            }
        }

        /// <summary>Decodes with the charset the server named (UTF-8 when it named none or an unknown one), skipping a byte order mark.</summary>
        private static string Decode(HttpResponseMessage response, byte[] bytes, int length)
        {
            Encoding encoding = Encoding.UTF8;
            string? charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset);
                }
                catch (ArgumentException)
                {
                    // An unknown charset: JSON is UTF-8 anyway.
                }
            }

            using var reader = new StreamReader(new MemoryStream(bytes, 0, length, writable: false), encoding, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        private static NimEventTooLargeException TooLarge(int maxBytes) => new NimEventTooLargeException(maxBytes, string.Empty, Array.Empty<ToolCall>());

        /// <summary>netstandard2.0 has no cancellable ReadAsStreamAsync: stop waiting on cancellation, and the response is disposed by the caller.</summary>
        internal static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken token)
        {
            var cancelled = new TaskCompletionSource<bool>();
            using (token.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(token);
                }
            }

            return await task.ConfigureAwait(false);
        }

        /// <summary>
        /// The body as UTF-8 bytes (JSON is UTF-8), a byte order mark skipped, or <see cref="NimEventTooLargeException"/>
        /// when it is longer than <paramref name="maxBytes"/>; for readers that parse the bytes themselves.
        /// </summary>
        public static ArraySegment<byte> ReadUtf8(HttpResponseMessage response, CallDeadline deadline, int maxBytes)
        {
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            (byte[] bytes, int length, bool complete) = ReadBytes(response, deadline, maxBytes);
            if (!complete)
            {
                throw TooLarge(maxBytes);
            }

            int start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new ArraySegment<byte>(bytes, start, length - start);
        }
    }
}
