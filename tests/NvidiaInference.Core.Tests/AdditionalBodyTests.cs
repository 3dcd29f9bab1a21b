using System.Collections.Generic;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>-AdditionalBody and -AdditionalHeader: merged into the payload last.</summary>
    public class AdditionalBodyTests
    {
        private static NimPayload Built()
        {
            var request = new ChatCompletionRequest("m") { Sampling = new SamplingOptions { Temperature = 0.2, TopK = 40 } };
            request.Messages.Add(Message.User("Hi"));
            return NimPayloadBuilder.BuildChat(request);
        }

        [Fact]
        public void Nested_objects_merge_key_by_key_and_new_members_are_added()
        {
            var overrides = new List<string>();

            NimPayload payload = Built().WithAdditions("{\"nvext\":{\"guided_whitespace_pattern\":\" \"},\"user\":\"me\"}", null, overrides.Add);

            JsonObject body = Payloads.Body(payload);
            JsonAssert.Equal("{\"top_k\":40,\"guided_whitespace_pattern\":\" \"}", body["nvext"]!.ToJsonString());
            Assert.Equal("me", (string)body["user"]!);
            Assert.Equal(0.2, (double)body["temperature"]!);
            Assert.Empty(overrides);
        }

        [Fact]
        public void Overriding_or_removing_a_member_the_module_set_is_reported()
        {
            var overrides = new List<string>();

            JsonObject body = Payloads.Body(Built().WithAdditions("{\"temperature\":0.9,\"nvext\":{\"top_k\":5},\"n\":null}", null, overrides.Add));

            Assert.Equal((0.9, 5), ((double)body["temperature"]!, (int)body["nvext"]!["top_k"]!));
            Assert.False(body.ContainsKey("n"));
            Assert.Equal(3, overrides.Count);
            Assert.Contains(overrides, o => o.Contains("temperature") && o.Contains("0.9"));
            Assert.Contains(overrides, o => o.Contains("nvext.top_k"));
            Assert.Contains(overrides, o => o.Contains("removes n"));
        }

        [Fact]
        public void A_non_object_member_replaces_an_object_and_the_body_keeps_its_other_members_in_order()
        {
            JsonObject body = Payloads.Body(Built().WithAdditions("{\"nvext\":42}", null));

            Assert.Equal(42, (int)body["nvext"]!);
            Assert.Equal(new[] { "model", "messages", "stream", "n", "temperature", "nvext" }, System.Linq.Enumerable.Select(body, p => p.Key));
        }

        [Theory]
        [InlineData("[1]")]
        [InlineData("not json")]
        [InlineData("\"text\"")]
        [InlineData("{\"stream\":true}")]
        public void An_addition_that_is_not_a_JSON_object_is_refused(string addition)
        {
            Assert.Equal("AdditionalBody", Assert.Throws<NimInvalidRequestException>(() => Built().WithAdditions(addition, null)).Field);
        }

        [Fact]
        public void Headers_are_added_or_replaced_and_Authorization_is_refused()
        {
            NimPayload payload = Built().WithAdditions(null, new Dictionary<string, string> { ["X-Tag"] = "a", ["user-agent"] = "mine" });

            Assert.Equal(("a", "mine", "application/json"), (payload.Headers["X-Tag"], payload.Headers["User-Agent"], payload.Headers["Content-Type"]));
            Assert.Equal(Built().Body, payload.Body);
            foreach (string name in new[] { "Authorization", " authorization " })
            {
                Assert.Equal("AdditionalHeader", Assert.Throws<NimInvalidRequestException>(() => Built().WithAdditions(null, new Dictionary<string, string> { [name] = "Bearer x" })).Field);
            }
        }
    }
}
