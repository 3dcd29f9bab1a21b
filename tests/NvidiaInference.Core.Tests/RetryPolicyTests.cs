using System;
using System.Globalization;
using System.Net;
using NvidiaInference.Http;
using NvidiaInference.Tests.Fakes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>RetryPolicy: which answers are retried and how long to wait (docs/errors.md, Retries).</summary>
    public class RetryPolicyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        [Theory]
        [InlineData(408, true)]
        [InlineData(409, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(503, true)]
        [InlineData(529, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        public void Retries_408_409_429_and_5xx_only(int status, bool retryable)
        {
            using var response = FakeResponses.Status((HttpStatusCode)status);

            Assert.Equal(retryable, RetryPolicy.IsRetryable(response));
        }

        [Theory]
        [InlineData(503, "false", false)]
        [InlineData(400, "true", true)]
        [InlineData(400, "TRUE", true)]
        [InlineData(503, "maybe", true)]
        public void X_should_retry_overrides_the_status(int status, string header, bool retryable)
        {
            using var response = FakeResponses.Status((HttpStatusCode)status, ("x-should-retry", header));

            Assert.Equal(retryable, RetryPolicy.IsRetryable(response));
        }

        [Theory]
        [InlineData("2", 2000)]
        [InlineData("1.5", 1500)]
        [InlineData("0", 0)]
        public void Retry_after_in_seconds(string value, int expectedMilliseconds)
        {
            using var response = FakeResponses.Status(HttpStatusCode.TooManyRequests, ("Retry-After", value));

            Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetryPolicy.ServerDelay(response, Now));
        }

        [Fact]
        public void Retry_after_as_an_http_date_is_the_time_until_then()
        {
            string date = Now.AddSeconds(42).ToString("r", CultureInfo.InvariantCulture);
            using var response = FakeResponses.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", date));

            Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicy.ServerDelay(response, Now));
        }

        [Fact]
        public void Retry_after_date_in_the_past_means_no_wait()
        {
            string date = Now.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture);
            using var response = FakeResponses.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", date));

            Assert.Equal(TimeSpan.Zero, RetryPolicy.ServerDelay(response, Now));
        }

        [Fact]
        public void Retry_after_ms_wins_over_retry_after()
        {
            using var response = FakeResponses.Status(HttpStatusCode.TooManyRequests, ("retry-after-ms", "250"), ("Retry-After", "9"));

            Assert.Equal(TimeSpan.FromMilliseconds(250), RetryPolicy.ServerDelay(response, Now));
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("-3")]
        [InlineData("")]
        public void Unreadable_or_negative_retry_after_is_no_server_delay(string value)
        {
            using var response = FakeResponses.Status(HttpStatusCode.TooManyRequests, ("Retry-After", value));

            Assert.Null(RetryPolicy.ServerDelay(response, Now));
        }

        [Fact]
        public void No_header_is_no_server_delay()
        {
            using var response = FakeResponses.Status(HttpStatusCode.TooManyRequests);

            Assert.Null(RetryPolicy.ServerDelay(response, Now));
        }

        [Theory]
        [InlineData(0, 0.5)]
        [InlineData(1, 1.0)]
        [InlineData(2, 2.0)]
        [InlineData(4, 8.0)]
        [InlineData(10, 8.0)]
        public void Backoff_doubles_up_to_eight_seconds_with_jitter_from_three_quarters(int retry, double ceilingSeconds)
        {
            for (int i = 0; i < 50; i++)
            {
                double seconds = RetryPolicy.Backoff(retry).TotalSeconds;
                Assert.InRange(seconds, (ceilingSeconds * 0.75) - 1e-9, ceilingSeconds + 1e-9);
            }
        }
    }
}
