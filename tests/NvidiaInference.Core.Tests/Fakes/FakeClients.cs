using System;
using NvidiaInference.Http;
using NvidiaInference.Payload;

namespace NvidiaInference.Tests.Fakes
{
    /// <summary>Clients and requests over the fake transport: a loopback base URI (so a key may go over http), a key, short limits.</summary>
    internal static class FakeClients
    {
        public const string Key = "test-key-1234";

        public static NimConnectionSettings Settings(string baseUri = "http://127.0.0.1:9/v1", string? key = Key) => new NimConnectionSettings(new Uri(baseUri))
        {
            ApiKeyProvider = () => key,
            Timeout = TimeSpan.FromSeconds(30),
            IdleTimeout = TimeSpan.FromSeconds(10),
            MaxRetryCount = 2,
        };

        public static NimClient Client(FakeHttpHandler handler, NimConnectionSettings? settings = null) =>
            new NimClient(settings ?? Settings(), handler.Client());

        public static NimPayload ChatPayload(bool stream = false)
        {
            var request = new ChatCompletionRequest("m") { Stream = stream };
            request.Messages.Add(Message.User(MessageContent.FromText("ping")));
            return NimPayloadBuilder.BuildChat(request);
        }
    }
}
