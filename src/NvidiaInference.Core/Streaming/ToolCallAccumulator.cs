using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Responses;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Assembles streamed tool calls of one choice, whatever shape they come in (docs/responses.md, Tool calls in streams): complete
    /// in one delta (NIM), several in one delta, fragments keyed by index (OpenAI, vLLM), the name repeated on every
    /// fragment, or arguments sent as cumulative snapshots.
    /// </summary>
    internal sealed class ToolCallAccumulator
    {
        private readonly List<Slot> _slots = new List<Slot>();
        private readonly Dictionary<int, Slot> _byIndex = new Dictionary<int, Slot>();

        public bool HasCalls => _slots.Count > 0;

        /// <summary>Adds the fragments of one delta; returns each fragment's slot and argument text, in order.</summary>
        public void Add(JsonElement toolCalls, List<(Slot Slot, bool IsNew, string Fragment)> fragments)
        {
            foreach (JsonElement fragment in toolCalls.EnumerateArray())
            {
                if (fragment.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                int index = fragment.TryGet("index", out JsonElement indexValue) && indexValue.ValueKind == JsonValueKind.Number && indexValue.TryGetInt32(out int i) ? i : _slots.Count;
                string? id = fragment.GetStringOrNull("id");
                bool isNew = false;
                if (!_byIndex.TryGetValue(index, out Slot? slot) || (!string.IsNullOrEmpty(id) && slot.Id.Length > 0 && id != slot.Id))
                {
                    slot = new Slot();
                    _slots.Add(slot);
                    _byIndex[index] = slot;
                    isNew = true;
                }

                if (!string.IsNullOrEmpty(id) && slot.Id.Length == 0)
                {
                    slot.Id = id!;
                }

                string argumentsFragment = string.Empty;
                if (fragment.TryGet("function", out JsonElement function))
                {
                    string? name = function.GetStringOrNull("name");
                    if (!string.IsNullOrEmpty(name) && name != slot.Name.ToString())
                    {
                        // Set when empty; a repeated name is ignored; anything else is a continuation.
                        slot.Name.Append(name);
                    }

                    if (function.TryGet("arguments", out JsonElement arguments))
                    {
                        // Arguments are a JSON string on the wire; tolerate servers that send an object.
                        string text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString()! : arguments.GetRawText();
                        argumentsFragment = slot.AddArguments(text);
                    }
                }

                fragments.Add((slot, isNew, argumentsFragment));
            }
        }

        /// <summary>The calls assembled so far, parsed, in order; clears the accumulator.</summary>
        public List<ToolCall> Drain()
        {
            var calls = new List<ToolCall>(_slots.Count);
            foreach (Slot slot in _slots)
            {
                calls.Add(slot.ToToolCall());
            }

            _slots.Clear();
            _byIndex.Clear();
            return calls;
        }

        /// <summary>The calls assembled so far, without clearing.</summary>
        public List<ToolCall> Snapshot()
        {
            var calls = new List<ToolCall>(_slots.Count);
            foreach (Slot slot in _slots)
            {
                calls.Add(slot.ToToolCall());
            }

            return calls;
        }

        internal sealed class Slot
        {
            private readonly StringBuilder _arguments = new StringBuilder();

            public string Id { get; set; } = string.Empty;

            public StringBuilder Name { get; } = new StringBuilder();

            public string Arguments => _arguments.ToString();

            /// <summary>Adds a fragment; returns the text it really added (for a cumulative snapshot, only the new suffix).</summary>
            public string AddArguments(string fragment)
            {
                if (_arguments.Length > 0 && fragment.Length > _arguments.Length && fragment.StartsWith(_arguments.ToString(), System.StringComparison.Ordinal))
                {
                    // A cumulative snapshot: the fragment repeats everything so far, so only its tail is new.
                    string added = fragment.Substring(_arguments.Length);
                    _arguments.Append(added);
                    return added;
                }

                _arguments.Append(fragment);
                return fragment;
            }

            public ToolCall ToToolCall() => ToolCallParser.Parse(Id, Name.ToString(), Arguments);

            /// <summary>
            /// The call as a fragment arrives: its id and name with only this fragment's text. Copying all the text so far
            /// for every fragment would make a long streamed call cost the square of its length.
            /// </summary>
            public ToolCall ToPartialCall(string fragment) => new ToolCall(Id, Name.ToString(), null, fragment, ToolCallParseStatus.InProgress);
        }
    }
}
