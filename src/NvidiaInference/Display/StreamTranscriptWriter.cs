using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NvidiaInference.Display
{
    /// <summary>
    /// Turns stream events into the text a person reads at the console, as it arrives: the thinking and the answer
    /// flow as one text each (the thinking first, on lines of its own), each finished tool call on a line of its own as
    /// <c>-&gt; name(arguments)</c>, and after the last event one short line with the stop reason, the token usage and
    /// the time to the first token (from when the writer was made, or from the end of the answer before). Knows nothing
    /// of PowerShell: it hands each piece and its style to a writer.
    /// </summary>
    internal sealed class StreamTranscriptWriter
    {
        private readonly Action<string, TextStyle> _write;
        private readonly bool _showReasoning;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly StringBuilder _completionText = new StringBuilder();
        private TimeSpan? _firstToken;
        private TextStyle? _last;
        private bool _atLineStart = true;

        public StreamTranscriptWriter(Action<string, TextStyle> write, bool showReasoning)
        {
            _write = write;
            _showReasoning = showReasoning;
        }

        /// <summary>Shows one object of a stream; returns the whole answer when it completes one (null otherwise).</summary>
        public object? Show(object item)
        {
            switch (item)
            {
                case ChatCompletionEvent chatEvent:
                    return Show(chatEvent);
                case CompletionStreamChunk chunk:
                    return Show(chunk);
                case ChatCompletionResponse response:
                    ShowWhole(response.Reasoning, response.Content, response.ToolCalls);
                    Summary(response.StopReason, response.Usage);
                    return response;
                case CompletionResponse completion:
                    ShowWhole(null, completion.Content, Array.Empty<ToolCall>());
                    Summary(completion.StopReason, completion.Usage);
                    return completion;
                default:
                    throw new ArgumentException($"Show-NvStream shows stream events and responses; this is a {item.GetType().FullName}.", nameof(item));
            }
        }

        /// <summary>The request of the next answer is being sent now: its time to the first token counts from here.</summary>
        public void StartTiming()
        {
            _clock.Restart();
            _firstToken = null;
        }

        /// <summary>Ends a stream that stopped without its last event: the line in progress is closed.</summary>
        public void End() => NewLine();

        private object? Show(ChatCompletionEvent chatEvent)
        {
            switch (chatEvent.EventType)
            {
                case ChatCompletionEventType.Start:
                    Restart();
                    return null;
                case ChatCompletionEventType.Complete:
                    Summary(chatEvent.StopReason, chatEvent.Usage);
                    return chatEvent.Response;
            }

            ChatCompletionDelta delta = chatEvent.Delta;
            switch (delta.Type)
            {
                case DeltaType.Reasoning:
                    Text(delta.Text, TextStyle.Reasoning);
                    break;
                case DeltaType.Text:
                    Text(delta.Text, TextStyle.Answer);
                    break;
                case DeltaType.ToolCall when delta.ParseStatus is ToolCallParseStatus.Succeeded or ToolCallParseStatus.Failed:
                    Call(delta.ToolCall!);
                    break;
            }

            return null;
        }

        private object? Show(CompletionStreamChunk chunk)
        {
            Text(chunk.Delta, TextStyle.Answer);
            _completionText.Append(chunk.Delta);
            if (chunk.StopReason is not StopReason stopReason)
            {
                return null;
            }

            Summary(stopReason, chunk.Usage);
            var response = new CompletionResponse(_completionText.ToString(), stopReason, null, chunk.Usage, null, null);
            _completionText.Clear();
            return response;
        }

        private void ShowWhole(string? reasoning, string content, IReadOnlyList<ToolCall> toolCalls)
        {
            Restart();
            Text(reasoning ?? string.Empty, TextStyle.Reasoning);
            Text(content, TextStyle.Answer);
            foreach (ToolCall call in toolCalls)
            {
                Call(call);
            }
        }

        private void Restart()
        {
            NewLine();
            _last = null;
        }

        private void Text(string text, TextStyle style)
        {
            if (text.Length == 0 || (style == TextStyle.Reasoning && !_showReasoning))
            {
                return;
            }

            _firstToken ??= _clock.Elapsed;
            if (_last is TextStyle previous && previous != style)
            {
                // The thinking and the answer each start on a line of their own.
                NewLine();
            }

            if (_atLineStart && style == TextStyle.Answer && _last != TextStyle.Answer)
            {
                // The answer starts on its own line already: the line breaks a server puts after the thinking add nothing.
                text = text.TrimStart('\r', '\n');
                if (text.Length == 0)
                {
                    return;
                }
            }

            _write(text, style);
            _last = style;
            _atLineStart = text.Length == 0 ? _atLineStart : text[text.Length - 1] == '\n';
        }

        private void Call(ToolCall call)
        {
            _firstToken ??= _clock.Elapsed;
            NewLine();
            bool parsed = call.ParseStatus != ToolCallParseStatus.Failed;
            _write("-> " + call + (parsed ? string.Empty : "  (arguments are not JSON)"), parsed ? TextStyle.ToolCall : TextStyle.Warning);
            _write("\n", TextStyle.Answer);
            _atLineStart = true;
            _last = TextStyle.ToolCall;
        }

        private void Summary(StopReason? stopReason, Usage? usage)
        {
            NewLine();
            var parts = new List<string>();
            if (stopReason is StopReason reason)
            {
                parts.Add(reason.ToString());
            }

            if (usage is not null)
            {
                parts.Add(usage.ToString());
            }

            if (_firstToken is TimeSpan first)
            {
                parts.Add("first token after " + first.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
            }

            _write("[" + string.Join(" | ", parts) + "]", TextStyle.Summary);
            _write("\n", TextStyle.Answer);
            _atLineStart = true;
            _last = null;

            // The next answer (the next round of a tool loop) is timed from here.
            _clock.Restart();
            _firstToken = null;
        }

        private void NewLine()
        {
            if (!_atLineStart)
            {
                _write("\n", TextStyle.Answer);
                _atLineStart = true;
            }
        }
    }
}
