using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace NvidiaInference.Http
{
    /// <summary>When to try a request again and how long to wait, as openai-python does (docs/errors.md, Retries).</summary>
    internal static class RetryPolicy
    {
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);

        [ThreadStatic]
        private static Random? t_random;

        public static bool IsRetryable(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues("x-should-retry", out var values))
            {
                string value = values.FirstOrDefault() ?? string.Empty;
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            int status = (int)response.StatusCode;
            return status == 408 || status == 409 || status == 429 || status >= 500;
        }

        /// <summary>The wait the server asked for: retry-after-ms, then Retry-After in seconds or as an HTTP date.</summary>
        public static TimeSpan? ServerDelay(HttpResponseMessage response, DateTimeOffset now)
        {
            if (response.Headers.TryGetValues("retry-after-ms", out var milliseconds) &&
                double.TryParse(milliseconds.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }

            if (!response.Headers.TryGetValues("Retry-After", out var retryAfter))
            {
                return null;
            }

            string text = retryAfter.FirstOrDefault()?.Trim() ?? string.Empty;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
            {
                TimeSpan wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>Exponential back-off with jitter: min(0.5 s x 2^retry, 8 s) x a factor from 0.75 to 1.</summary>
        public static TimeSpan Backoff(int retry)
        {
            double seconds = Math.Min(0.5 * Math.Pow(2, retry), MaxBackoff.TotalSeconds);
            t_random ??= new Random();
            return TimeSpan.FromSeconds(seconds * (0.75 + (0.25 * t_random.NextDouble())));
        }
    }
}
