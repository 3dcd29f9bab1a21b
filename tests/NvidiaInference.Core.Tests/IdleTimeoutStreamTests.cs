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
            NimTimeoutException first = Assert.IsType<NimTimeoutException>(ReadFailure(stream));
            NimTimeoutException again = Assert.IsType<NimTimeoutException>(ReadFailure(stream));

            Assert.True(first.IsIdleTimeout);
            Assert.True(again.IsIdleTimeout);
            Assert.True(body.Aborted);
        }

        [Fact]
        public void A_stall_after_a_rest_between_reads_is_still_caught()
        {
            // The timer rests once it fires with no read under way; the next read must set it again. The pause is twenty
            // times the limit, so the first firing comes during it even on a loaded machine.
            WaitForATimer();
            var body = new PacedStream(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(50));
            using var stream = new IdleTimeoutStream(body, deadline);
            var buffer = new byte[8];

            Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
            Thread.Sleep(1000);

            Assert.True(Assert.IsType<NimTimeoutException>(ReadFailure(stream)).IsIdleTimeout);
        }

        [Fact]
        public void Reads_that_begin_while_the_timer_rests_or_fires_are_all_watched()
        {
            // Instant reads with pauses on both sides of the limit, so that reads begin just as the timer fires, rests or is
            // set; then a stall, which must still be caught. A read left unwatched by a lost race would hang here (the guard
            // turns that into a failure). The reads return at once, so even a loaded machine does not make one of them
            // last the whole limit.
            var random = new Random(16);
            const int Reads = 30;
            var delays = new TimeSpan[Reads + 1];
            delays[Reads] = Timeout.InfiniteTimeSpan;
            var body = new PacedStream(delays);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(200));
            using var stream = new IdleTimeoutStream(body, deadline);
            var buffer = new byte[8];

            for (int i = 0; i < Reads; i++)
            {
                Assert.Equal(1, stream.Read(buffer, 0, buffer.Length));
                Thread.Sleep(random.Next(0, 300));
            }

            Assert.True(Assert.IsType<NimTimeoutException>(ReadFailure(stream)).IsIdleTimeout);
        }

        [Fact]
        public void Ctrl_C_during_a_read_is_a_cancellation_not_a_timeout()
        {
            var body = new PacedStream(Timeout.InfiniteTimeSpan);
            using var caller = new CancellationTokenSource();
            using var deadline = new CallDeadline(caller.Token, Long, Long);
            using var stream = new IdleTimeoutStream(body, deadline);
            caller.CancelAfter(100);

            Assert.IsAssignableFrom<OperationCanceledException>(ReadFailure(stream));
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
        public void Disposing_the_stream_aborts_a_read_under_way_and_is_no_timeout()
        {
            // Disposing (a downstream Select-Object -First, the read-ahead being stopped) must end a stalled read at once, as
            // what it is, not as a timeout; the timer that fires afterwards finds nothing to stop (an exception on its thread
            // would end the test run).
            var body = new PacedStream(Timeout.InfiniteTimeSpan);
            using var deadline = new CallDeadline(CancellationToken.None, Long, TimeSpan.FromMilliseconds(300));
            var stream = new IdleTimeoutStream(body, deadline);
            var stalled = System.Threading.Tasks.Task.Run(() => stream.Read(new byte[8], 0, 8));
            Thread.Sleep(50);

            stream.Dispose();

            Assert.True(((IAsyncResult)stalled).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "Disposing did not end the read under way.");
            Exception e = Assert.IsType<AggregateException>(stalled.Exception).InnerException!;
            Assert.IsType<ObjectDisposedException>(e);
            Assert.True(body.Aborted);
        }

        /// <summary>Reads once on another thread and returns what it threw; fails (rather than hangs) if it is not stopped within 10 s.</summary>
        private static Exception ReadFailure(Stream stream)
        {
            var read = System.Threading.Tasks.Task.Run(() => stream.Read(new byte[8], 0, 8));
            if (!((IAsyncResult)read).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
            {
                stream.Dispose();
                Assert.Fail("The read was never stopped.");
            }

            AggregateException e = Assert.IsType<AggregateException>(Assert.ThrowsAny<Exception>(() => read.Wait()));
            return e.InnerException!;
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
