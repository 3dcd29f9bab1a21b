using System;
using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Json;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>PlainJson: JSON text to plain .NET values and back.</summary>
    public class PlainJsonTests
    {
        public static TheoryData<string> JsonFixtures
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string file in Fixtures.WireFiles("*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)))
                {
                    data.Add(file);
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(JsonFixtures))]
        public void Parse_then_serialize_gives_the_same_json(string file)
        {
            string text = Fixtures.WireText(file);

            JsonAssert.Equal(text, PlainJson.Serialize(PlainJson.Parse(text)));
        }

        [Fact]
        public void Values_have_plain_types()
        {
            var value = (IDictionary<string, object?>)PlainJson.Parse("{\"i\":42,\"d\":1.5,\"e\":1e3,\"s\":\"x\",\"t\":true,\"n\":null,\"a\":[1,\"b\"],\"o\":{\"k\":false}}")!;

            Assert.Equal(42L, value["i"]);
            Assert.Equal(1.5m, value["d"]);
            Assert.Equal(1000d, value["e"]);
            Assert.Equal("x", value["s"]);
            Assert.Equal(true, value["t"]);
            Assert.Null(value["n"]);
            Assert.Equal(new List<object?> { 1L, "b" }, value["a"]);
            Assert.Equal(false, ((IDictionary<string, object?>)value["o"]!)["k"]);
        }

        [Fact]
        public void Keys_are_case_insensitive_unless_two_differ_only_in_case()
        {
            var insensitive = (IDictionary<string, object?>)PlainJson.Parse("{\"Name\":1}")!;
            var sensitive = (IDictionary<string, object?>)PlainJson.Parse("{\"name\":1,\"Name\":2}")!;

            Assert.Equal(1L, insensitive["name"]);
            Assert.Equal((1L, 2L), (sensitive["name"], sensitive["Name"]));
        }

        [Fact]
        public void Serialize_is_compact_and_keeps_non_ascii_text()
        {
            var value = new Dictionary<string, object?> { ["city"] = "Zürich", ["n"] = new List<object?> { 1, 2.5, null } };

            Assert.Equal("{\"city\":\"Zürich\",\"n\":[1,2.5,null]}", PlainJson.Serialize(value));
        }

        [Theory]
        [InlineData("{")]
        [InlineData("")]
        [InlineData("{'a':1}")]
        public void Invalid_json_is_a_format_exception(string text)
        {
            Assert.Throws<FormatException>(() => PlainJson.Parse(text));
        }

        [Fact]
        public void Values_that_are_not_json_are_refused()
        {
            Assert.Throws<ArgumentException>(() => PlainJson.Serialize(double.NaN));
            Assert.Throws<ArgumentException>(() => PlainJson.Serialize(new object()));
        }
    }
}
