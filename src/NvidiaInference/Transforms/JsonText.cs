using System;
using NvidiaInference.Json;

namespace NvidiaInference.Transforms
{
    /// <summary>Parses JSON text given for a parameter, naming the parameter when it is not JSON.</summary>
    internal static class JsonText
    {
        public static object? Parse(string json, string field)
        {
            try
            {
                return PlainJson.Parse(json);
            }
            catch (FormatException e)
            {
                throw new NimInvalidRequestException(field, $"{field} is not valid JSON: {e.Message}");
            }
        }
    }
}
