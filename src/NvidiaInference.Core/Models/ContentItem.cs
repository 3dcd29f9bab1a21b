using System;

namespace NvidiaInference
{
    /// <summary>One item of message content: text or an image.</summary>
    public abstract class ContentItem
    {
        private protected ContentItem()
        {
        }
    }

    /// <summary>A text item of message content.</summary>
    public sealed class TextContentItem : ContentItem
    {
        /// <summary>Creates a text item.</summary>
        public TextContentItem(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

        /// <summary>The text.</summary>
        public string Text { get; }

        /// <inheritdoc/>
        public override string ToString() => Text;
    }

    /// <summary>An image item of message content, given by URL or by its bytes.</summary>
    public sealed class ImageContentItem : ContentItem
    {
        private ImageContentItem(string? uri, byte[]? data)
        {
            Uri = uri;
            Data = data;
        }

        /// <summary>The image's URL (http, https or data), when given by URL.</summary>
        public string? Uri { get; }

        /// <summary>The image's bytes, when given as data.</summary>
        public byte[]? Data { get; }

        /// <summary>An image at a URL.</summary>
        public static ImageContentItem FromUri(string uri) =>
            new ImageContentItem(uri ?? throw new ArgumentNullException(nameof(uri)), null);

        /// <summary>An image given by its bytes; sent as a data URL with the format sniffed from the bytes.</summary>
        public static ImageContentItem FromData(byte[] data) =>
            new ImageContentItem(null, data ?? throw new ArgumentNullException(nameof(data)));

        /// <inheritdoc/>
        public override string ToString() => Uri ?? $"<image, {Data!.Length} bytes>";
    }
}
