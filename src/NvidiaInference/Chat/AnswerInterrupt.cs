using System;
using System.Threading;

namespace NvidiaInference.Chat
{
    /// <summary>
    /// While an answer is written, Ctrl+C cancels that answer only, not the whole chat: the console takes Ctrl+C as a key
    /// (not as a signal that would stop the pipeline), and a watcher thread cancels the answer when it sees it. Where the
    /// input is not a console (redirected), nothing is watched and Ctrl+C stays PowerShell's.
    /// </summary>
    internal sealed class AnswerInterrupt : IDisposable
    {
        private readonly CancellationTokenSource _answer;
        private readonly bool _watching;
        private readonly bool _treatedAsInput;
        private readonly Thread? _watcher;
        private volatile bool _done;

        public AnswerInterrupt(CancellationToken chatStopped)
        {
            _answer = CancellationTokenSource.CreateLinkedTokenSource(chatStopped);
            if (Console.IsInputRedirected)
            {
                return;
            }

            try
            {
                _treatedAsInput = Console.TreatControlCAsInput;
                Console.TreatControlCAsInput = true;
                _watching = true;
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException)
            {
                return;
            }

            _watcher = new Thread(Watch) { IsBackground = true, Name = "Enter-NvChat Ctrl+C" };
            _watcher.Start();
        }

        /// <summary>Cancelled by Ctrl+C during the answer, or when the chat itself is stopped.</summary>
        public CancellationToken Token => _answer.Token;

        /// <summary>True when Ctrl+C (not the chat's own stop) cancelled the answer.</summary>
        public bool Interrupted { get; private set; }

        public void Dispose()
        {
            _done = true;
            // The watcher never blocks (it reads a key only when one is waiting), so it ends within one poll.
            _watcher?.Join();
            if (_watching)
            {
                try
                {
                    Console.TreatControlCAsInput = _treatedAsInput;
                }
                catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException)
                {
                    // The console went away; there is nothing to restore.
                }
            }

            _answer.Dispose();
        }

        private void Watch()
        {
            while (!_done)
            {
                try
                {
                    if (Console.KeyAvailable)
                    {
                        ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                        if (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0)
                        {
                            Interrupted = true;
                            _answer.Cancel();
                            return;
                        }

                        continue;
                    }
                }
                catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException || e is ObjectDisposedException)
                {
                    return;
                }

                Thread.Sleep(25);
            }
        }
    }
}
