using System;
using System.IO;
using System.Threading;
using NvidiaInference.Http;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// IdleTimeoutStream: a streamed body's reads under the idle limit, kept by one timer that each read only notes its start
    /// for (docs/ARCHITECTURE.md, Threads and cancellation; docs/errors.md, Timeouts).
    /// </summary>
    public class IdleTimeoutStreamTests
    {
        private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

        [Fact]
        public void Reads_each_within_the_limit_are_never_stopped_however_long_the_stream_lasts()
        {
            // Twenty reads of 30 ms: together twice the limit, each a tenth of it. A timer set once at the first read and
            // not measured from the read under way would stop the stream after 300 ms.
            var body = new PacedStream(Repeat(TimeSpan.FromMilliseconds(30), 20));
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(300));
            using var stream = new IdleTimeoutStream(body, deadline);

            Assert.Equal(20, ReadAll(stream));
        }

        [Fact]
        public void Time_the_caller_spends_between_reads_is_not_the_server_being_idle()
        {
            var body = new PacedStream(TimeSpan.Zero, TimeSpan.Zero);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(100));
            using var stream = new IdleTimeoutStream(body, deadline);
            var buffer = new byte[8];

            Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
            Thread.Sleep(400);
            Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
            Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        }

        [Fact]
        public void A_read_that_waits_the_whole_limit_is_stopped_as_an_idle_timeout_and_stays_stopped()
        {
            var body = new PacedStream(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(150));
            using var stream = new IdleTimeoutStream(body, deadline);
            var buffer = new byte[8];

            Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
            NimTimeoutException first = Assert.Throws<NimTimeoutException>(() => stream.Read(buffer, 0, buffer.Length));
            NimTimeoutException again = Assert.Throws<NimTimeoutException>(() => stream.Read(buffer, 0, buffer.Length));

            Assert.True(first.IsIdleTimeout);
            Assert.True(again.IsIdleTimeout);
            Assert.True(body.Aborted);
        }

        [Fact]
        public void A_stall_after_a_rest_between_reads_is_still_caught()
        {
            // The timer rests once it fires with no read under way; the next read must set it again. The timer queue is
            // started first, so the first firing comes on time, during the caller's pause.
            WaitForATimer();
            var body = new PacedStream(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(100));
            using var stream = new IdleTimeoutStream(body, deadline);
            var buffer = new byte[8];

            Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
            Thread.Sleep(400);
            var stalled = System.Threading.Tasks.Task.Run(() => stream.Read(buffer, 0, buffer.Length));
            if (!((System.IAsyncResult)stalled).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
            {
                stream.Dispose();
                Assert.Fail("The read after the rest was never stopped: the timer was not set again.");
            }

            AggregateException e = Assert.Throws<AggregateException>(() => stalled.Wait());
            Assert.True(Assert.IsType<NimTimeoutException>(e.InnerException).IsIdleTimeout);
        }

        [Fact]
        public void Ctrl_C_during_a_read_is_a_cancellation_not_a_timeout()
        {
            var body = new PacedStream(Timeout.InfiniteTimeSpan);
            using var caller = new CancellationTokenSource();
            using var deadline = new CallDeadline(caller.Token, Long, Long);
            using var stream = new IdleTimeoutStream(body, deadline);
            caller.CancelAfter(100);

            Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(new byte[8], 0, 8));
            Assert.True(body.Aborted);
        }

        [Fact]
        public void Without_an_idle_limit_a_slow_read_is_left_alone()
        {
            var body = new PacedStream(TimeSpan.FromMilliseconds(200));
            using var deadline = new CallDeadline(CancellationToken.None, Long, Timeout.InfiniteTimeSpan);
            using var stream = new IdleTimeoutStream(body, deadline);

            Assert.Equal(1, ReadAll(stream));
        }

        [Fact]
        public void Disposing_with_the_timer_set_leaves_nothing_behind_to_fire()
        {
            var body = new PacedStream(TimeSpan.Zero, TimeSpan.Zero);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(50));
            var stream = new IdleTimeoutStream(body, deadline);
            Assert.Equal(1, stream.Read(new byte[8], 0, 8));

            stream.Dispose();
            Thread.Sleep(200);

            // The timer fired (or was stopped) after the dispose without touching what was disposed: the deadline is
            // untouched and the body was closed by the dispose, not aborted as idle.
            Assert.False(deadline.Token.IsCancellationRequested);
            Assert.True(body.Disposed);
            Assert.False(body.Aborted);
        }

        private static void WaitForATimer()
        {
            using var fired = new ManualResetEventSlim(false);
            using var timer = new Timer(_ => fired.Set(), null, 10, Timeout.Infinite);
            Assert.True(fired.Wait(TimeSpan.FromSeconds(10)));
        }

        private static TimeSpan[] Repeat(TimeSpan delay, int count)
        {
            var delays = new TimeSpan[count];
            for (int i = 0; i < count; i++)
            {
                delays[i] = delay;
            }

            return delays;
        }

        private static int ReadAll(Stream stream)
        {
            var buffer = new byte[8];
            int total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }

            return total;
        }

        /// <summary>
        /// A body whose every read returns one byte after its delay (an infinite delay never returns); disposing it aborts a
        /// read under way, as disposing an HTTP body does, and says so in <see cref="Aborted"/>. After its delays, it ends.
        /// </summary>
        private sealed class PacedStream : Stream
        {
            private readonly TimeSpan[] _delays;
            private readonly ManualResetEventSlim _closed = new ManualResetEventSlim(false);
            private int _next;
            private volatile bool _reading;

            public PacedStream(params TimeSpan[] delays) => _delays = delays;

            /// <summary>True when the stream was disposed while a read was under way.</summary>
            public bool Aborted { get; private set; }

            public bool Disposed => _closed.IsSet;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_next == _delays.Length)
                {
                    return 0;
                }

                TimeSpan delay = _delays[_next++];
                _reading = true;
                try
                {
                    ObjectDisposedException.ThrowIf(_closed.Wait(delay), this);
                }
                finally
                {
                    _reading = false;
                }

                buffer[offset] = (byte)'x';
                return 1;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing && !_closed.IsSet)
                {
                    Aborted = _reading;
                    _closed.Set();
                }

                base.Dispose(disposing);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
