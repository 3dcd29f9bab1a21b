using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Images read from files and joined to the last user turn.</summary>
    public class ImageAttachmentTests
    {
        private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7 };

        [Fact]
        public void Images_join_the_last_user_turn_after_its_text_and_earlier_turns_stay()
        {
            ImageContentItem earlier = ImageContentItem.FromUri("https://example.com/a.png");
            var messages = new List<Message>
            {
                Message.User(MessageContent.FromItems(new ContentItem[] { new TextContentItem("Look"), earlier })),
                Message.Assistant("A cat."),
                Message.User("And this one?"),
                Message.Assistant("Hm."),
            };

            ImageAttachment.JoinLastUserTurn(messages, new[] { ImageAttachment.FromBytes(Png), ImageContentItem.FromUri("data:image/gif;base64,R0lG") });

            var request = new ChatCompletionRequest("m");
            foreach (Message message in messages)
            {
                request.Messages.Add(message);
            }

            JsonArray sent = Payloads.Body(NimPayloadBuilder.BuildChat(request))["messages"]!.AsArray();
            JsonAssert.Equal("[{\"type\":\"text\",\"text\":\"Look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]", sent[0]!["content"]!.ToJsonString());
            JsonAssert.Equal(
                "[{\"type\":\"text\",\"text\":\"And this one?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + Convert.ToBase64String(Png) + "\"}},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/gif;base64,R0lG\"}}]",
                sent[2]!["content"]!.ToJsonString());
            Assert.Equal("Hm.", (string)sent[3]!["content"]!);
        }

        [Fact]
        public void No_user_turn_for_the_images_is_refused_and_no_images_change_nothing()
        {
            var messages = new List<Message> { Message.System("Be brief.") };

            ImageAttachment.JoinLastUserTurn(messages, Array.Empty<ImageContentItem>());
            Assert.Equal("Image", Assert.Throws<NimInvalidRequestException>(() => ImageAttachment.JoinLastUserTurn(messages, new[] { ImageContentItem.FromUri("https://x/y.png") })).Field);
            Assert.Equal("Be brief.", messages[0].Content!.Text);
        }

        [Fact]
        public void A_file_that_is_missing_empty_or_no_image_fails_naming_it()
        {
            string folder = Path.Combine(Path.GetTempPath(), "nv-image-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string empty = Path.Combine(folder, "empty.png");
                string text = Path.Combine(folder, "notes.png");
                string jpeg = Path.Combine(folder, "really-a-jpeg.png");
                File.WriteAllBytes(empty, Array.Empty<byte>());
                File.WriteAllText(text, "not an image");
                File.WriteAllBytes(jpeg, new byte[] { 0xFF, 0xD8, 0xFF, 0xDB });

                foreach (string path in new[] { empty, text, Path.Combine(folder, "missing.png") })
                {
                    Assert.Contains(Path.GetFileName(path), Assert.Throws<NimInvalidRequestException>(() => ImageAttachment.FromFile(path)).Message);
                }

                Assert.Equal("image/jpeg", ImageDataUri.Sniff(ImageAttachment.FromFile(jpeg).Data!));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
