using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NvidiaInference.Payload
{
    /// <summary>Images given beside a conversation: read from files (the media type from the bytes) and joined to the last user turn.</summary>
    public static class ImageAttachment
    {
        /// <summary>Reads an image file, failing before anything is sent when it is missing, empty, or not a PNG, JPEG, GIF or WebP image.</summary>
        /// <exception cref="NimInvalidRequestException">The file cannot be sent as an image; the message names it.</exception>
        public static ImageContentItem FromFile(string path)
        {
            byte[] data;
            try
            {
                data = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new NimInvalidRequestException("Image", $"The image file '{path}' cannot be read: {e.Message}");
            }

            if (data.Length == 0)
            {
                throw new NimInvalidRequestException("Image", $"The image file '{path}' is empty.");
            }

            return FromBytes(data, $"The image file '{path}'");
        }

        /// <summary>An image given by its bytes, checked now so that bytes of no known format fail before sending.</summary>
        /// <exception cref="NimInvalidRequestException">The bytes are empty or not a PNG, JPEG, GIF or WebP image.</exception>
        public static ImageContentItem FromBytes(byte[] data, string what = "The image bytes")
        {
            if (data is null || data.Length == 0)
            {
                throw new NimInvalidRequestException("Image", $"{what} are empty.");
            }

            if (ImageDataUri.Sniff(data) is null)
            {
                throw new NimInvalidRequestException("Image", $"{what} is not a PNG, JPEG, GIF or WebP image (its first bytes say so, whatever its name).");
            }

            return ImageContentItem.FromData(data);
        }

        /// <summary>
        /// Replaces the last user turn of <paramref name="messages"/> with one whose content is its own (text or items)
        /// followed by <paramref name="images"/> as image parts; earlier turns, images included, stay as they are.
        /// </summary>
        /// <exception cref="NimInvalidRequestException">Images were given and there is no user turn to carry them.</exception>
        public static void JoinLastUserTurn(IList<Message> messages, IReadOnlyList<ImageContentItem> images)
        {
            if (images.Count == 0)
            {
                return;
            }

            for (int i = messages.Count - 1; i >= 0; i--)
            {
                Message turn = messages[i];
                if (turn.Role != MessageRole.User)
                {
                    continue;
                }

                IEnumerable<ContentItem> items = turn.Content?.Items ?? (turn.Content?.Text is string text ? new ContentItem[] { new TextContentItem(text) } : Array.Empty<ContentItem>());
                messages[i] = Message.User(MessageContent.FromItems(items.Concat(images)));
                return;
            }

            throw new NimInvalidRequestException("Image", "Images join the last user turn, and the request has none: give a -Message for them.");
        }
    }
}
