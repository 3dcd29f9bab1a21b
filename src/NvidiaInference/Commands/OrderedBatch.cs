using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Runs up to a limit of calls at once (-ThrottleLimit) and writes their results in input order, each through
    /// <see cref="ServerCall.Run"/> so a failure is reported for its own input.
    /// </summary>
    internal sealed class OrderedBatch<T>
    {
        private readonly Queue<(Task<T> Call, object Target, Action<T> Write)> _pending = new Queue<(Task<T>, object, Action<T>)>();
        private readonly PSCmdlet _cmdlet;
        private readonly CallPump _pump;
        private readonly int _limit;
        private readonly string _activity;

        public OrderedBatch(PSCmdlet cmdlet, CallPump pump, int limit, string activity)
        {
            _cmdlet = cmdlet;
            _pump = pump;
            _limit = limit;
            _activity = activity;
        }

        public void Add(Func<T> call, object target, Action<T> write)
        {
            while (_pending.Count >= _limit)
            {
                CompleteFirst();
            }

            _pending.Enqueue((CallPump.StartBlocking(call), target, write));
        }

        public void CompleteAll()
        {
            while (_pending.Count > 0)
            {
                CompleteFirst();
            }
        }

        private void CompleteFirst()
        {
            (Task<T> call, object target, Action<T> write) = _pending.Dequeue();
            ServerCall.Run(_cmdlet, target, () => write(_pump.Wait(call, _activity)), _pump);
        }
    }
}
