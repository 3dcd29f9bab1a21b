using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;
using NvidiaInference.Payload;
using NvidiaInference.Tests.Fakes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// The core is usable from any .NET program: its messages say what happened and name no cmdlet parameter
    /// (-TimeoutSec, -MaxEventSize, ...); the cmdlet layer adds that advice. And the key rules are checked once per call.
    /// </summary>
    public class CoreMessageTests
    {
        private static readonly Regex CmdletParameter = new Regex(@"(^|\s|\()-[A-Z][A-Za-z]+");

        [Fact]
        public void Timeouts_name_no_cmdlet_parameter()
        {
            using var idle = new CallDeadline(CancellationToken.None, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
            using var total = new CallDeadline(CancellationToken.None, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));

            AssertNoParameter(Assert.Throws<NimTimeoutException>(() => idle.Wait(Forever, "the response headers")));
            AssertNoParameter(Assert.Throws<NimTimeoutException>(() => total.Wait(Forever, "the response headers")));
        }

        [Fact]
        public void Key_rules_name_no_cmdlet_parameter()
        {
            AssertNoParameter(new NimApiKeyRequiredException(NimConnectionSettings.HostedBaseUri));
            AssertNoParameter(new NimUnencryptedAuthenticationException(new Uri("http://nim.example/v1/")));
        }

        [Fact]
        public void An_event_too_large_names_no_cmdlet_parameter()
        {
            var e = new NimEventTooLargeException(1024 * 1024, "partial", Array.Empty<ToolCall>());

            AssertNoParameter(e);
            Assert.Contains("1 MiB", e.Message);
        }

        [Fact]
        public void A_nim_only_guided_mode_in_the_OpenAI_placement_names_no_cmdlet_parameter()
        {
            var request = new ChatCompletionRequest("m") { Guided = GuidedDecoding.Regex("[a-z]+") };
            request.Messages.Add(Message.User(MessageContent.FromText("hi")));

            NimInvalidRequestException e = Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(request, ExtensionPlacement.OpenAI));

            AssertNoParameter(e);
            Assert.Contains("placement", e.Message);
        }

        [Fact]
        public void The_key_rules_are_checked_once_per_call()
        {
            int checks = 0;
            NimConnectionSettings settings = FakeClients.Settings();
            settings.HasApiKey = () =>
            {
                checks++;
                return true;
            };
            var handler = FakeHttpHandler.Answering(request => request.Uri.AbsolutePath.EndsWith("/models", StringComparison.Ordinal)
                ? FakeResponses.Json(HttpStatusCode.OK, "{\"data\":[{\"id\":\"m\"}]}")
                : request.Body!.Contains("\"stream\":true") ? FakeResponses.EventStream(Sse.Text("a", "stop") + Sse.Done) : FakeResponses.Chat());
            NimClient client = FakeClients.Client(handler, settings);

            client.CompleteChat(FakeClients.ChatPayload());
            Assert.Equal(1, checks);
            client.StreamChat(FakeClients.ChatPayload(stream: true)).ToList();
            Assert.Equal(2, checks);
            client.StreamLines(FakeClients.ChatPayload(stream: true)).ToList();
            Assert.Equal(3, checks);
            client.GetModels();
            Assert.Equal(4, checks);
        }

        private static void AssertNoParameter(Exception e) =>
            Assert.False(CmdletParameter.IsMatch(e.Message), $"The message names a cmdlet parameter: {e.Message}");

        private static async Task<int> Forever(CancellationToken token)
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }
    }
}
