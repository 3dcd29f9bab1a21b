using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Keeps everything a cmdlet writes on its pipeline thread while calls run elsewhere: the client's verbose and
    /// debug lines are queued from whatever thread produced them and written here, and a call that blocks is run on a
    /// worker while this thread shows Write-Progress with the elapsed time once it passes a second.
    /// </summary>
    internal sealed class CallPump
    {
        private static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
        private readonly ConcurrentQueue<(bool IsDebug, string Text)> _messages = new ConcurrentQueue<(bool, string)>();
        private readonly Cmdlet _cmdlet;
        private readonly int _progressId = Math.Abs(Guid.NewGuid().GetHashCode() % 100000) + 1;

        public CallPump(Cmdlet cmdlet) => _cmdlet = cmdlet;

        public void Verbose(string text) => _messages.Enqueue((false, text));

        public void Debug(string text) => _messages.Enqueue((true, text));

        /// <summary>What the call is waiting for, shown as the progress status at once (NVIDIA's gateway asked to be polled).</summary>
        public void Status(string text) => _status = text;

        private volatile string? _status;

        /// <summary>Writes the queued verbose and debug lines.</summary>
        [MethodImpl(HotPath.Optimized)]
        public void Drain()
        {
            while (_messages.TryDequeue(out (bool IsDebug, string Text) message))
            {
                if (message.IsDebug)
                {
                    _cmdlet.WriteDebug(message.Text);
                }
                else
                {
                    _cmdlet.WriteVerbose(message.Text);
                }
            }
        }

        /// <summary>Runs a blocking call on a worker, pumping messages and progress here until it ends; its exception is rethrown as is.</summary>
        public T Run<T>(Func<T> call, string activity) => Wait(StartBlocking(call), activity);

        /// <summary>
        /// Starts a call that blocks its thread on a dedicated thread, not a pool thread: blocked pool threads would
        /// starve the pool of the threads that complete the call's own I/O, and on few cores of the next calls' starts.
        /// </summary>
        public static Task<T> StartBlocking<T>(Func<T> call) =>
            Task.Factory.StartNew(call, System.Threading.CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        /// <summary>Waits for a call already running, pumping messages and progress here until it ends.</summary>
        public T Wait<T>(Task<T> task, string activity)
        {
            var clock = Stopwatch.StartNew();
            bool shown = false;
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Tick))
            {
                Drain();
                if (clock.Elapsed >= ProgressAfter || _status is not null)
                {
                    _cmdlet.WriteProgress(new ProgressRecord(_progressId, activity, _status ?? $"Waiting for the server: {clock.Elapsed.TotalSeconds:0} s"));
                    shown = true;
                }
            }

            Drain();
            _status = null;
            if (shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_progressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            return task.GetAwaiter().GetResult();
        }
    }
}
