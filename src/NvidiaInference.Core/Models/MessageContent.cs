using System;
using System.Collections.Generic;
using System.Linq;

namespace NvidiaInference
{
    /// <summary>
    /// The content of a message: either a plain string (sent as a JSON string) or a list of items
    /// (sent as a JSON array of content parts).
    /// </summary>
    public sealed class MessageContent
    {
        private MessageContent(string? text, IReadOnlyList<ContentItem>? items)
        {
            Text = text;
            Items = items;
        }

        /// <summary>The text, when the content is a plain string; otherwise null.</summary>
        public string? Text { get; }

        /// <summary>The items, when the content is a list; otherwise null.</summary>
        public IReadOnlyList<ContentItem>? Items { get; }

        /// <summary>Content that is a plain string.</summary>
        public static MessageContent FromText(string text) =>
            new MessageContent(text ?? throw new ArgumentNullException(nameof(text)), null);

        /// <summary>Content that is a list of items.</summary>
        public static MessageContent FromItems(IEnumerable<ContentItem> items) =>
            new MessageContent(null, (items ?? throw new ArgumentNullException(nameof(items))).ToArray());

        /// <summary>Converts a string to content.</summary>
        public static implicit operator MessageContent(string text) => FromText(text);

        /// <summary>The text of the content; images show as placeholders.</summary>
        public override string ToString() => Text ?? string.Concat(Items!.Select(i => i.ToString()));
    }
}
