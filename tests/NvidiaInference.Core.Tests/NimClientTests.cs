using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;
using NvidiaInference.Tests.Fakes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>NimClient over a fake transport: streams, deadlines, cancellation, bounds and the key rules, without sockets.</summary>
    public class NimClientTests
    {
        private static readonly string Hello = Sse.Text("Hel") + Sse.Text("lo") + Sse.Chunk("{}", "stop") + Sse.Done;

        [Fact]
        public void A_stream_gives_its_events_and_asks_for_an_event_stream()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(Hello));

            List<ChatCompletionEvent> results = FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true)).ToList();

            Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo", "Complete:" }, results.Select(Short));
            ChatCompletionResponse whole = Assert.IsType<ChatCompletionEvent>(results.Last()).Response!;
            Assert.Equal("Hello", whole.Content);
            FakeRequest request = Assert.Single(handler.Requests);
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("http://127.0.0.1:9/v1/chat/completions", request.Uri.AbsoluteUri);
            Assert.Equal("text/event-stream", request.Header("Accept"));
            Assert.Contains("\"stream\":true", request.Body);
        }

        [Fact]
        public void Nothing_is_sent_until_the_stream_is_enumerated()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(Hello));

            IEnumerable<ChatCompletionEvent> results = FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true));

            Assert.Empty(handler.Requests);
            Assert.Equal(4, results.Count());
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void A_drop_mid_stream_is_not_retried_and_carries_what_arrived()
        {
            var body = new ScriptedStream(Sse.Text("Hel") + Sse.Text("lo"), StreamEnding.Drop);
            var handler = FakeHttpHandler.Sequence(() => FakeResponses.EventStream(body));
            var received = new List<object>();

            NimStreamInterruptedException e = Assert.Throws<NimStreamInterruptedException>(() =>
            {
                foreach (ChatCompletionEvent result in FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true)))
                {
                    received.Add(result);
                }
            });

            Assert.Single(handler.Requests);
            Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo" }, received.Select(Short));
            Assert.Equal("Hello", e.PartialContent);
            Assert.Equal(3, e.EventsReceived);
            Assert.IsType<System.IO.IOException>(e.InnerException);
        }

        [Fact]
        public void A_silent_server_mid_stream_ends_at_the_idle_timeout()
        {
            var body = new ScriptedStream(Sse.Text("Hel"), StreamEnding.Hang);
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(body));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.IdleTimeout = TimeSpan.FromMilliseconds(200);

            NimStreamInterruptedException e = Assert.Throws<NimStreamInterruptedException>(() => FakeClients.Client(handler, settings).StreamChat(FakeClients.ChatPayload(stream: true)).ToList());

            NimTimeoutException timeout = Assert.IsType<NimTimeoutException>(e.InnerException);
            Assert.True(timeout.IsIdleTimeout);
            Assert.True(body.ReachedEnding);
            Assert.Equal("Hel", e.PartialContent);
        }

        [Fact]
        public void A_stream_that_outlasts_the_total_timeout_ends_there()
        {
            var body = new ScriptedStream(Sse.Text("Hel"), StreamEnding.Hang);
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(body));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.Timeout = TimeSpan.FromMilliseconds(300);

            NimStreamInterruptedException e = Assert.Throws<NimStreamInterruptedException>(() => FakeClients.Client(handler, settings).StreamChat(FakeClients.ChatPayload(stream: true)).ToList());

            Assert.False(Assert.IsType<NimTimeoutException>(e.InnerException).IsIdleTimeout);
        }

        [Fact]
        public void Cancelling_mid_stream_is_a_cancellation()
        {
            var body = new ScriptedStream(Sse.Text("Hel"), StreamEnding.Hang);
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(body));
            using var cancel = new CancellationTokenSource();
            var received = new List<object>();

            Exception? e = Record.Exception(() =>
            {
                foreach (ChatCompletionEvent result in FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true), cancellationToken: cancel.Token))
                {
                    received.Add(result);
                    cancel.CancelAfter(100);
                }
            });

            Assert.IsAssignableFrom<OperationCanceledException>(e);
            Assert.Equal(new[] { "Start:", "Progress:Hel" }, received.Select(Short));
        }

        [Fact]
        public void Cancelling_while_waiting_for_the_headers_is_a_cancellation()
        {
            var handler = new FakeHttpHandler(async (request, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return FakeResponses.Chat();
            });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            Exception? e = Record.Exception(() => FakeClients.Client(handler).CompleteChat(FakeClients.ChatPayload(), cancel.Token));

            Assert.IsAssignableFrom<OperationCanceledException>(e);
        }

        [Fact]
        public void Waiting_for_headers_longer_than_the_idle_timeout_is_an_idle_timeout()
        {
            var handler = new FakeHttpHandler(async (request, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return FakeResponses.Chat();
            });
            NimConnectionSettings settings = FakeClients.Settings();
            settings.IdleTimeout = TimeSpan.FromMilliseconds(150);

            NimTimeoutException e = Assert.Throws<NimTimeoutException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));

            Assert.True(e.IsIdleTimeout);
            Assert.Contains("response headers", e.Message);
        }

        [Fact]
        public void An_error_event_after_200_ends_the_stream_with_the_servers_error()
        {
            string body = Sse.Text("partial") + Sse.Data("{\"error\":{\"message\":\"EngineCore failed\",\"type\":\"InternalServerError\",\"code\":500}}") + Sse.Done;
            var handler = FakeHttpHandler.Sequence(() => FakeResponses.EventStream(body));

            NimStreamErrorException e = Assert.Throws<NimStreamErrorException>(() => FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true)).ToList());

            Assert.Single(handler.Requests);
            Assert.Equal("EngineCore failed", e.ServerError.Message);
            Assert.Equal("partial", e.PartialContent);
        }

        [Fact]
        public void A_json_answer_to_a_streaming_request_is_converted_whole()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Chat("not streamed"));

            List<ChatCompletionEvent> events = FakeClients.Client(handler).StreamChat(FakeClients.ChatPayload(stream: true)).ToList();

            Assert.Equal("not streamed", Assert.Single(events, e => e.Delta.Type == DeltaType.Text && e.EventType == ChatCompletionEventType.Progress).Delta.Text);
            Assert.Equal("not streamed", events[^1].Response!.Content);
        }

        [Fact]
        public void A_whole_answer_larger_than_MaxEventSize_is_refused()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Chat(new string('x', 5000)));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.MaxEventSize = 1024;

            NimEventTooLargeException e = Assert.Throws<NimEventTooLargeException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));

            Assert.Equal(1024, e.MaxEventSize);
        }

        [Fact]
        public void A_streamed_event_larger_than_MaxEventSize_ends_the_stream_after_the_events_before_it()
        {
            string body = Sse.Text("small") + Sse.Text(new string('y', 4000)) + Sse.Done;
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(body));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.MaxEventSize = 1024;
            var received = new List<object>();

            NimEventTooLargeException e = Assert.Throws<NimEventTooLargeException>(() =>
            {
                foreach (ChatCompletionEvent result in FakeClients.Client(handler, settings).StreamChat(FakeClients.ChatPayload(stream: true)))
                {
                    received.Add(result);
                }
            });

            Assert.Equal(new[] { "Start:", "Progress:small" }, received.Select(Short));
            Assert.Equal("small", e.PartialContent);
        }

        [Fact]
        public void The_hosted_api_without_a_key_fails_before_anything_is_sent()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Chat());
            NimClient client = FakeClients.Client(handler, FakeClients.Settings("https://integrate.api.nvidia.com/v1", key: null));

            Assert.Throws<NimApiKeyRequiredException>(() => client.CompleteChat(FakeClients.ChatPayload()));
            Assert.Throws<NimApiKeyRequiredException>(() => client.StreamChat(FakeClients.ChatPayload(stream: true)));
            Assert.Throws<NimApiKeyRequiredException>(() => client.StreamLines(FakeClients.ChatPayload(stream: true)));
            Assert.Throws<NimApiKeyRequiredException>(() => client.GetModels());
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public void A_key_is_never_sent_over_plain_http_to_another_machine_unless_allowed()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Chat());
            NimConnectionSettings settings = FakeClients.Settings("http://inference.example/v1");

            NimUnencryptedAuthenticationException e = Assert.Throws<NimUnencryptedAuthenticationException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));
            Assert.Empty(handler.Requests);
            Assert.DoesNotContain(FakeClients.Key, e.Message);

            settings.AllowUnencryptedAuthentication = true;
            FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload());
            Assert.Equal("Bearer " + FakeClients.Key, Assert.Single(handler.Requests).Header("Authorization"));
        }

        [Fact]
        public void The_key_appears_in_no_verbose_or_debug_line()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.EventStream(Hello));
            var lines = new List<string>();
            NimClient client = FakeClients.Client(handler);
            client.Verbose = lines.Add;
            client.Debug = lines.Add;

            client.StreamChat(FakeClients.ChatPayload(stream: true)).ToList();

            Assert.NotEmpty(lines);
            Assert.DoesNotContain(lines, line => line.Contains(FakeClients.Key));
        }

        [Fact]
        public void Raw_lines_arrive_as_sent_and_a_drop_after_them_is_an_interruption()
        {
            var body = new ScriptedStream("data: {\"a\":1}\n\n: keep-alive\n", StreamEnding.Drop);
            var handler = FakeHttpHandler.Sequence(() => FakeResponses.EventStream(body));
            var lines = new List<string>();

            NimStreamInterruptedException e = Assert.Throws<NimStreamInterruptedException>(() =>
            {
                foreach (string line in FakeClients.Client(handler).StreamLines(FakeClients.ChatPayload(stream: true)))
                {
                    lines.Add(line);
                }
            });

            Assert.Equal(new[] { "data: {\"a\":1}", string.Empty, ": keep-alive" }, lines);
            Assert.Equal(3, e.EventsReceived);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void Models_are_listed_with_a_get()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Json(HttpStatusCode.OK, "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"model\"},{\"id\":\"b\",\"object\":\"model\"}]}"));

            IReadOnlyList<NimModel> models = FakeClients.Client(handler).GetModels();

            Assert.Equal(new[] { "a", "b" }, models.Select(m => m.Id));
            FakeRequest request = Assert.Single(handler.Requests);
            Assert.Equal(HttpMethod.Get, request.Method);
            Assert.Equal("http://127.0.0.1:9/v1/models", request.Uri.AbsoluteUri);
            Assert.Null(request.Body);
        }

        private static string Short(object result) => result is ChatCompletionEvent e ? $"{e.EventType}:{e.Delta.Text}" : result.GetType().Name;
    }
}
