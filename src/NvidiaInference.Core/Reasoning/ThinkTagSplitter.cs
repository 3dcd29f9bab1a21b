using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using NvidiaInference.Streaming;

namespace NvidiaInference.Reasoning
{
    /// <summary>
    /// Splits the thinking off the front of a model's content when the server left it inline, as
    /// <c>&lt;think&gt;…&lt;/think&gt;answer</c>, one piece of content at a time (docs/reasoning.md, Inline think tags).
    /// A piece that might be the start of a tag is held back until the next piece tells, so any split of the same
    /// content into pieces gives the same thinking and the same answer. Content that does not start with
    /// <c>&lt;think&gt;</c>, at its very first character, passes through unchanged.
    /// </summary>
    /// <remarks>
    /// Around the tags, one line break after <c>&lt;think&gt;</c> and one before <c>&lt;/think&gt;</c> belong to the tags,
    /// and so do the line breaks right after <c>&lt;/think&gt;</c>: chat templates write them, and servers that parse the
    /// thinking themselves leave them out.
    /// </remarks>
    internal sealed class ThinkTagSplitter
    {
        internal const string OpenTag = "<think>";
        internal const string CloseTag = "</think>";

        // What may stand just before the closing tag: held back while it could still turn out to be that.
        private static readonly string[] Closings = { "\r\n" + CloseTag, "\n" + CloseTag, CloseTag };

        private readonly StringBuilder _pending = new StringBuilder();
        private State _state = State.Start;
        private bool _afterOpen;
        private bool _afterClose;

        private enum State
        {
            Start,
            Thinking,
            Answer,
        }

        /// <summary>True once the content opened with a think tag.</summary>
        public bool Opened { get; private set; }

        /// <summary>
        /// Splits <paramref name="content"/> in one go: the thinking (null when the content does not start with a think tag)
        /// and the answer.
        /// </summary>
        public static (string? Reasoning, string Answer) Split(string content)
        {
            var splitter = new ThinkTagSplitter();
            var pieces = new List<(bool, string)>();
            splitter.Feed(content, pieces);
            splitter.Flush(pieces);
            var reasoning = new StringBuilder();
            var answer = new StringBuilder();
            foreach ((bool isReasoning, string text) in pieces)
            {
                (isReasoning ? reasoning : answer).Append(text);
            }

            return (splitter.Opened ? reasoning.ToString() : null, answer.ToString());
        }

        /// <summary>
        /// Content that starts inside the thinking (the template opened the tag in the prompt) and holds only the closing
        /// tag: the text before <c>&lt;/think&gt;</c> is the thinking. Null when there is no closing tag.
        /// </summary>
        public static (string Reasoning, string Answer)? SplitAtClosingTag(string content)
        {
            int close = content.IndexOf(CloseTag, StringComparison.Ordinal);
            if (close < 0 || content.IndexOf(OpenTag, 0, close, StringComparison.Ordinal) >= 0)
            {
                return null;
            }

            string reasoning = TrimOneLineBreakAtEnd(content.Substring(0, close));
            string answer = content.Substring(close + CloseTag.Length).TrimStart('\r', '\n');
            return (reasoning, answer);
        }

        /// <summary>
        /// The thinking and answer of a whole message, once its content has been split: the thinking from the server's field
        /// and from think tags; with neither, content that holds only a closing tag gives its thinking up to that tag.
        /// </summary>
        public static (string? Reasoning, string Answer) Finish(string answer, string? reasoning, bool opened)
        {
            if (string.IsNullOrEmpty(reasoning) && !opened && SplitAtClosingTag(answer) is (string before, string after))
            {
                return (before.Length == 0 ? null : before, after);
            }

            return (string.IsNullOrEmpty(reasoning) ? null : reasoning, answer);
        }

        /// <summary>
        /// True once the answer has begun and nothing is held back: every further piece is answer, as it is, so a caller may
        /// take it without <see cref="Feed"/>.
        /// </summary>
        public bool PassesThrough => _state == State.Answer && !_afterClose;

        /// <summary>Accepts the next piece of content; adds what can be told already to <paramref name="output"/> as (isReasoning, text).</summary>
        [MethodImpl(HotPath.Optimized)]
        public void Feed(string piece, List<(bool IsReasoning, string Text)> output)
        {
            if (PassesThrough)
            {
                // The common case once the answer has begun: nothing to hold back, nothing to copy.
                if (piece.Length > 0)
                {
                    output.Add((false, piece));
                }

                return;
            }

            _pending.Append(piece);
            Advance(output);
        }

        /// <summary>The content ended: what was held back is given out as what it is.</summary>
        public void Flush(List<(bool IsReasoning, string Text)> output)
        {
            string rest = _pending.ToString();
            _pending.Clear();
            switch (_state)
            {
                case State.Start:
                    Add(output, false, rest);
                    break;
                case State.Thinking:
                    Add(output, true, _afterOpen ? TrimOneLineBreakAtStart(rest) : rest);
                    break;
                default:
                    Add(output, false, _afterClose ? rest.TrimStart('\r', '\n') : rest);
                    break;
            }

            _afterOpen = false;
        }

        private void Advance(List<(bool IsReasoning, string Text)> output)
        {
            while (true)
            {
                string text = _pending.ToString();
                switch (_state)
                {
                    case State.Start:
                        {
                            if (text.StartsWith(OpenTag, StringComparison.Ordinal))
                            {
                                Opened = true;
                                _state = State.Thinking;
                                _afterOpen = true;
                                Replace(text.Substring(OpenTag.Length));
                                continue;
                            }

                            if (OpenTag.StartsWith(text, StringComparison.Ordinal))
                            {
                                return;
                            }

                            _state = State.Answer;
                            Replace(string.Empty);
                            Add(output, false, text);
                            return;
                        }

                    case State.Thinking:
                        {
                            if (_afterOpen)
                            {
                                if (text.Length == 0 || text == "\r")
                                {
                                    return;
                                }

                                _afterOpen = false;
                                text = TrimOneLineBreakAtStart(text);
                            }

                            int close = text.IndexOf(CloseTag, StringComparison.Ordinal);
                            if (close >= 0)
                            {
                                Add(output, true, TrimOneLineBreakAtEnd(text.Substring(0, close)));
                                _state = State.Answer;
                                _afterClose = true;
                                Replace(text.Substring(close + CloseTag.Length));
                                continue;
                            }

                            int held = HeldBack(text);
                            Add(output, true, text.Substring(0, text.Length - held));
                            Replace(text.Substring(text.Length - held));
                            return;
                        }

                    default:
                        {
                            if (_afterClose)
                            {
                                text = text.TrimStart('\r', '\n');
                                if (text.Length == 0)
                                {
                                    Replace(string.Empty);
                                    return;
                                }

                                _afterClose = false;
                            }

                            Replace(string.Empty);
                            Add(output, false, text);
                            return;
                        }
                }
            }
        }

        /// <summary>The length of the longest end of <paramref name="text"/> that could still grow into the closing tag.</summary>
        private static int HeldBack(string text)
        {
            int longest = 0;
            foreach (string closing in Closings)
            {
                for (int length = Math.Min(closing.Length - 1, text.Length); length > longest; length--)
                {
                    if (string.CompareOrdinal(text, text.Length - length, closing, 0, length) == 0)
                    {
                        longest = length;
                        break;
                    }
                }
            }

            return longest;
        }

        private void Replace(string text)
        {
            _pending.Clear();
            _pending.Append(text);
        }

        private static void Add(List<(bool IsReasoning, string Text)> output, bool isReasoning, string text)
        {
            if (text.Length > 0)
            {
                output.Add((isReasoning, text));
            }
        }

        private static string TrimOneLineBreakAtStart(string text) =>
            text.StartsWith("\r\n", StringComparison.Ordinal) ? text.Substring(2) : text.StartsWith("\n", StringComparison.Ordinal) ? text.Substring(1) : text;

        private static string TrimOneLineBreakAtEnd(string text) =>
            text.EndsWith("\r\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 2) : text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
    }
}
