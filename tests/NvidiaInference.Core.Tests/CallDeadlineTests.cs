using System;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>CallDeadline: the total and idle limits of one call, and the caller's cancellation (docs/errors.md, Timeouts).</summary>
    public class CallDeadlineTests
    {
        private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

        [Fact]
        public void A_wait_that_finishes_returns_its_value()
        {
            using var deadline = new CallDeadline(CancellationToken.None, Long, Long);

            Assert.Equal(42, deadline.Wait(_ => Task.FromResult(42), "the answer"));
        }

        [Fact]
        public void A_silent_wait_ends_at_the_idle_timeout()
        {
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(100));

            NimTimeoutException e = Assert.Throws<NimTimeoutException>(() => deadline.Wait(Forever, "the response headers"));

            Assert.True(e.IsIdleTimeout);
            Assert.Contains("the response headers", e.Message);
        }

        [Fact]
        public void Each_wait_gets_the_whole_idle_timeout_again()
        {
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromSeconds(1));

            // Three waits of 400 ms each: together longer than the idle timeout, each well within it.
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(i, deadline.Wait(async token =>
                {
                    await Task.Delay(400, token);
                    return i;
                }, "a part"));
            }
        }

        [Fact]
        public void The_total_timeout_ends_the_call_whatever_the_idle_timeout()
        {
            using var deadline = new CallDeadline(CancellationToken.None, TimeSpan.FromMilliseconds(100), Long);

            NimTimeoutException e = Assert.Throws<NimTimeoutException>(() => deadline.Wait(Forever, "the next part of the stream"));

            Assert.False(e.IsIdleTimeout);
            Assert.True(deadline.Token.IsCancellationRequested);
        }

        [Fact]
        public void The_callers_cancellation_is_a_cancellation_not_a_timeout()
        {
            using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            using var deadline = new CallDeadline(caller.Token, Long, Long);

            Exception e = Record.Exception(() => deadline.Wait(Forever, "the response headers"));

            Assert.IsAssignableFrom<OperationCanceledException>(e);
        }

        [Fact]
        public void The_wait_before_a_retry_is_cancelled_by_the_caller()
        {
            using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            using var deadline = new CallDeadline(caller.Token, Long, Long);

            Assert.ThrowsAny<OperationCanceledException>(() => deadline.Delay(TimeSpan.FromMinutes(1)));
        }

        [Fact]
        public void The_wait_before_a_retry_ends_at_the_total_timeout()
        {
            using var deadline = new CallDeadline(CancellationToken.None, TimeSpan.FromMilliseconds(100), Long);

            NimTimeoutException e = Assert.Throws<NimTimeoutException>(() => deadline.Delay(TimeSpan.FromMinutes(1)));

            Assert.False(e.IsIdleTimeout);
            Assert.Contains("retry", e.Message);
        }

        [Fact]
        public void Another_failure_passes_through_unchanged()
        {
            using var deadline = new CallDeadline(CancellationToken.None, Long, Long);

            Assert.Throws<System.IO.IOException>(() => deadline.Wait<int>(_ => throw new System.IO.IOException("reset"), "a part"));
        }

        private static async Task<int> Forever(CancellationToken token)
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }
    }
}
