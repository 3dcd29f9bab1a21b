using CsCheck;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Random Llama Stack request documents as JSON text: the fields the readers know, each present or not, holding a
    /// plausible value, an edge value or any JSON at all (see <see cref="JsonGen"/>).
    /// </summary>
    internal static class RequestGen
    {
        private static readonly Gen<string> Role = Gen.OneOfConst("\"user\"", "\"user\"", "\"system\"", "\"assistant\"", "\"tool\"", "\"ipython\"", "\"robot\"", "\"\"");

        private static readonly Gen<string> ContentItem = JsonGen.Obj(
            ("type", JsonGen.Either(Gen.OneOfConst("\"text\"", "\"image\"", "\"image_url\"", "\"video\""))),
            ("text", JsonGen.Either(JsonGen.Text)),
            ("image", JsonGen.Either(JsonGen.Obj(
                ("url", JsonGen.Either(Gen.OneOfConst("\"https://example.invalid/a.png\"", "{\"uri\":\"https://example.invalid/a.png\"}", "\"not a uri\""))),
                ("data", JsonGen.Either(Gen.OneOfConst("\"iVBORw0KGgo=\"", "\"not base64!\"")))))),
            ("image_url", JsonGen.Either(JsonGen.Obj(("url", JsonGen.Either(Gen.OneOfConst("\"https://example.invalid/b.jpg\"", "\"data:image/png;base64,iVBORw0KGgo=\"")))))));

        private static readonly Gen<string> ToolCall = JsonGen.Obj(
            ("call_id", JsonGen.Either(Gen.OneOfConst("\"call_1\"", "\"\""))),
            ("tool_name", JsonGen.Either(Gen.OneOfConst("\"get_weather\"", "\"f\"", "\"\""))),
            ("arguments", JsonGen.Either(JsonGen.Any(3))),
            ("arguments_json", JsonGen.Either(JsonGen.Text)));

        private static readonly Gen<string> Message = JsonGen.Obj(
            ("role", JsonGen.Either(Role)),
            ("content", JsonGen.Either(Gen.OneOf(JsonGen.Text, JsonGen.ArrayOf(ContentItem, 3), ContentItem))),
            ("call_id", JsonGen.Either(Gen.OneOfConst("\"call_1\"", "\"\""))),
            ("tool_name", JsonGen.Either(Gen.OneOfConst("\"get_weather\"", "\"\""))),
            ("tool_calls", JsonGen.Either(JsonGen.ArrayOf(ToolCall, 2))),
            ("stop_reason", JsonGen.Either(Gen.OneOfConst("\"end_of_turn\"", "\"end_of_message\"", "\"out_of_tokens\""))));

        private static readonly Gen<string> Strategy = JsonGen.Obj(
            ("type", JsonGen.Either(Gen.OneOfConst("\"greedy\"", "\"top_p\"", "\"top_k\"", "\"beam\""))),
            ("temperature", JsonGen.Either(JsonGen.Number)),
            ("top_p", JsonGen.Either(JsonGen.Number)),
            ("top_k", JsonGen.Either(JsonGen.Number)));

        private static readonly Gen<string> Sampling = JsonGen.Obj(
            ("strategy", JsonGen.Either(Strategy)),
            ("max_tokens", JsonGen.Either(JsonGen.Number)),
            ("repetition_penalty", JsonGen.Either(JsonGen.Number)),
            ("stop", JsonGen.Either(Gen.OneOf(JsonGen.Text, JsonGen.ArrayOf(JsonGen.Text, 3)))));

        private static readonly Gen<string> Parameter = JsonGen.Obj(
            ("param_type", JsonGen.Either(Gen.OneOfConst("\"str\"", "\"int\"", "\"float\"", "\"bool\"", "\"list\"", "\"dict\"", "\"string\"", "\"object\"", "\"x\""))),
            ("description", JsonGen.Either(JsonGen.Text)),
            ("required", JsonGen.Either(Gen.OneOfConst("true", "false"))),
            ("default", JsonGen.Any(3)));

        private static readonly Gen<string> Tool = Gen.OneOf(
            JsonGen.Obj(
                ("tool_name", JsonGen.Either(Gen.OneOfConst("\"get_weather\"", "\"f\"", "\"\""))),
                ("description", JsonGen.Either(JsonGen.Text)),
                ("parameters", JsonGen.Either(JsonGen.Obj(("location", Parameter), ("unit", Parameter)))),
                ("input_schema", JsonGen.Either(JsonGen.Any(3)))),
            JsonGen.Obj(
                ("type", JsonGen.Either(Gen.Const("\"function\""))),
                ("function", JsonGen.Either(JsonGen.Obj(("name", JsonGen.Either(Gen.Const("\"f\""))), ("description", JsonGen.Text), ("parameters", JsonGen.Either(JsonGen.Any(3))))))));

        /// <summary>A chat or completion request document.</summary>
        public static readonly Gen<string> Document = JsonGen.Obj(
            ("model", JsonGen.Either(Gen.OneOfConst("\"meta/llama-3.1-8b-instruct\"", "\"m\"", "\"\""))),
            ("messages", JsonGen.Either(JsonGen.ArrayOf(Message, 4))),
            ("content", JsonGen.Either(Gen.OneOf(JsonGen.Text, ContentItem))),
            ("sampling_params", JsonGen.Either(Sampling)),
            ("tools", JsonGen.Either(JsonGen.ArrayOf(Tool, 2))),
            ("tool_config", JsonGen.Either(JsonGen.Obj(("tool_choice", JsonGen.Either(Gen.OneOfConst("\"auto\"", "\"required\"", "\"none\"", "\"get_weather\"", "\"f\"")))))),
            ("tool_choice", JsonGen.Either(Gen.OneOfConst("\"auto\"", "\"get_weather\""))),
            ("response_format", JsonGen.Either(JsonGen.Obj(("type", JsonGen.Either(Gen.OneOfConst("\"json_schema\"", "\"grammar\""))), ("json_schema", JsonGen.Either(JsonGen.Any(3)))))),
            ("logprobs", JsonGen.Either(Gen.OneOf(Gen.OneOfConst("true", "false"), JsonGen.Obj(("top_k", JsonGen.Either(JsonGen.Number)))))),
            ("stream", JsonGen.Either(Gen.OneOfConst("true", "false"))));
    }
}
