using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>docs/requests.md, Tools, and the tools/tool_choice rows of The body.</summary>
    public class PayloadToolTests
    {
        [Fact]
        public void Llama_stack_tool_becomes_a_function_with_a_json_schema()
        {
            JsonObject body = Chat("[{\"tool_name\":\"get_weather\",\"description\":\"Get the weather\",\"parameters\":{" +
                "\"city\":{\"param_type\":\"str\",\"description\":\"City name\"}," +
                "\"days\":{\"param_type\":\"int\",\"required\":false,\"default\":3}}}]");

            JsonAssert.Equal(
                "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Get the weather\",\"parameters\":{\"type\":\"object\"," +
                "\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},\"days\":{\"type\":\"integer\",\"default\":3}},\"required\":[\"city\"]}}}]",
                body["tools"]!.ToJsonString());
        }

        [Theory]
        [InlineData("str", "{\"type\":\"string\"}")]
        [InlineData("int", "{\"type\":\"integer\"}")]
        [InlineData("float", "{\"type\":\"number\"}")]
        [InlineData("bool", "{\"type\":\"boolean\"}")]
        [InlineData("dict", "{\"type\":\"object\"}")]
        [InlineData("list[str]", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")]
        [InlineData("list[int]", "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}")]
        [InlineData("string", "{\"type\":\"string\"}")]
        [InlineData("integer", "{\"type\":\"integer\"}")]
        [InlineData("number", "{\"type\":\"number\"}")]
        [InlineData("boolean", "{\"type\":\"boolean\"}")]
        [InlineData("array", "{\"type\":\"array\"}")]
        [InlineData("object", "{\"type\":\"object\"}")]
        public void Python_type_names_map_to_json_schema_and_schema_names_pass_through(string paramType, string expected)
        {
            JsonObject body = Chat($"[{{\"tool_name\":\"f\",\"parameters\":{{\"p\":{{\"param_type\":\"{paramType}\"}}}}}}]");

            JsonAssert.Equal(expected, body["tools"]![0]!["function"]!["parameters"]!["properties"]!["p"]!.ToJsonString());
        }

        [Theory]
        [InlineData("0")]
        [InlineData("false")]
        [InlineData("\"\"")]
        [InlineData("0.0")]
        [InlineData("[]")]
        [InlineData("\"celsius\"")]
        public void Defaults_are_kept_even_when_falsy(string defaultJson)
        {
            // FIX: the reference dropped falsy defaults.
            JsonObject body = Chat($"[{{\"tool_name\":\"f\",\"parameters\":{{\"p\":{{\"param_type\":\"str\",\"default\":{defaultJson}}}}}}}]");

            JsonNode property = body["tools"]![0]!["function"]!["parameters"]!["properties"]!["p"]!;
            Assert.True(property.AsObject().ContainsKey("default"));
            JsonAssert.Equal(defaultJson, property["default"]!.ToJsonString());
        }

        [Fact]
        public void Default_description_and_required_are_omitted_when_not_given_or_empty()
        {
            JsonObject body = Chat("[{\"tool_name\":\"f\",\"parameters\":{\"p\":{\"param_type\":\"str\",\"required\":false}}}]");

            JsonAssert.Equal(
                "{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\"}}}}",
                body["tools"]![0]!["function"]!.ToJsonString());
        }

        [Theory]
        [InlineData("brave_search")]
        [InlineData("wolfram_alpha")]
        [InlineData("photogen")]
        [InlineData("code_interpreter")]
        public void Built_in_tools_are_named_by_their_string(string name)
        {
            JsonObject body = Chat($"[{{\"tool_name\":\"{name}\"}}]");

            JsonAssert.Equal($"[{{\"type\":\"function\",\"function\":{{\"name\":\"{name}\"}}}}]", body["tools"]!.ToJsonString());
        }

        [Fact]
        public void OpenAI_form_tools_send_their_schema_as_given()
        {
            const string schema = "{\"type\":\"object\",\"properties\":{\"format\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}}}";
            JsonObject body = Chat($"[{{\"type\":\"function\",\"function\":{{\"name\":\"f\",\"description\":\"d\",\"parameters\":{schema}}}}}]");

            JsonAssert.Equal($"{{\"name\":\"f\",\"description\":\"d\",\"parameters\":{schema}}}", body["tools"]![0]!["function"]!.ToJsonString());
        }

        [Theory]
        [InlineData("auto", "\"auto\"")]
        [InlineData("required", "\"required\"")]
        [InlineData("none", "\"none\"")]
        [InlineData("get_weather", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")]
        public void Tool_choice_is_a_string_or_a_named_function(string choice, string expected)
        {
            // FIX: the reference crashed on a function name.
            JsonObject body = Chat("[{\"tool_name\":\"get_weather\"}]", $",\"tool_config\":{{\"tool_choice\":\"{choice}\"}}");
            JsonObject legacy = Chat("[{\"tool_name\":\"get_weather\"}]", $",\"tool_choice\":\"{choice}\"");

            JsonAssert.Equal(expected, body["tool_choice"]!.ToJsonString());
            JsonAssert.Equal(expected, legacy["tool_choice"]!.ToJsonString());
        }

        [Theory]
        [InlineData("")]
        [InlineData(",\"tool_config\":{}")]
        [InlineData(",\"tool_config\":null")]
        public void Tools_without_a_tool_choice_send_Llama_Stacks_default_auto(string extra)
        {
            // Older vLLM-based servers read a missing tool_choice as none and never call a tool.
            JsonObject body = Chat("[{\"tool_name\":\"get_weather\"}]", extra);

            JsonAssert.Equal("\"auto\"", body["tool_choice"]!.ToJsonString());
        }

        [Fact]
        public void No_tools_means_neither_tools_nor_tool_choice()
        {
            JsonObject body = Chat("[]", ",\"tool_config\":{\"tool_choice\":\"required\"}");

            Assert.False(body.ContainsKey("tools"));
            Assert.False(body.ContainsKey("tool_choice"));
        }

        private static JsonObject Chat(string tools, string extra = "") =>
            Payloads.Chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":" + tools + extra + "}");
    }
}
