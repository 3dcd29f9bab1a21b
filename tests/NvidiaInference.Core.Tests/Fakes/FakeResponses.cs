using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace NvidiaInference.Tests.Fakes
{
    /// <summary>Responses for the fake transport.</summary>
    internal static class FakeResponses
    {
        public const string ChatJson =
            "{\"id\":\"chat-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}]}";

        public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach ((string name, string value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }

        public static HttpResponseMessage Chat(string content = "pong") =>
            Json(HttpStatusCode.OK, ChatJson.Replace("\"pong\"", System.Text.Json.JsonSerializer.Serialize(content)));

        public static HttpResponseMessage Status(HttpStatusCode status, params (string Name, string Value)[] headers) =>
            Json(status, string.Empty, headers);

        /// <summary>A 200 event stream whose body is <paramref name="body"/>.</summary>
        public static HttpResponseMessage EventStream(Stream body)
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        public static HttpResponseMessage EventStream(string body) => EventStream(new MemoryStream(Encoding.UTF8.GetBytes(body)));
    }
}
