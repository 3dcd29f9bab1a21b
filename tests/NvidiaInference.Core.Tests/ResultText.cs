using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NvidiaInference.Tests
{
    /// <summary>A complete, comparable text form of every kind of decoder result.</summary>
    internal static class ResultText
    {
        public static string Describe(object item) => item switch
        {
            ChatCompletionEvent e => $"event {e.EventType} {e.Delta.Type} status={e.Delta.ParseStatus} text=[{e.Delta.Text}] call={Call(e.Delta.ToolCall)} stop={e.StopReason} lp={Logprobs(e.Logprobs)} usage={Usage(e.Usage)}",
            CompletionStreamChunk c => $"chunk text=[{c.Delta}] stop={c.StopReason} lp={Logprobs(c.Logprobs)} usage={Usage(c.Usage)}",
            ChatCompletionResponse r => $"chat [{r.Content}] stop={r.StopReason} calls={string.Join(";", r.ToolCalls.Select(Call))} lp={Logprobs(r.Logprobs)} usage={Usage(r.Usage)} {r.Model} {r.Id}",
            CompletionResponse r => $"completion [{r.Content}] stop={r.StopReason} lp={Logprobs(r.Logprobs)} usage={Usage(r.Usage)} {r.Model} {r.Id}",
            NimStreamErrorException e => $"{e.GetType().Name} [{e.ServerError.Message}] partial=[{e.PartialContent}] calls={string.Join(";", e.PartialToolCalls.Select(Call))}",
            NimStreamException e => $"{e.GetType().Name} partial=[{e.PartialContent}] calls={string.Join(";", e.PartialToolCalls.Select(Call))}",
            NimProtocolException e => $"NimProtocolException payload=[{e.Payload}]",
            Exception e => $"UNEXPECTED {e.GetType().FullName}: {e.Message}",
            _ => $"UNEXPECTED item {item.GetType().FullName}",
        };

        private static string Call(ToolCall? call) => call is null
            ? "-"
            : $"{call.CallId}/{call.ToolName}/{call.ParseStatus}/[{call.ArgumentsJson}]/{JsonAssert.FromPlain(call.Arguments)?.ToJsonString() ?? "null"}";

        private static string Logprobs(IReadOnlyList<TokenLogprobs>? logprobs) => logprobs is null
            ? "null"
            : string.Join(",", logprobs.Select(l => $"{l.Token}:{Number(l.Logprob)}{{{string.Join(",", l.LogprobsByToken.Select(p => p.Key + "=" + Number(p.Value)))}}}"));

        private static string Usage(Usage? usage) => usage is null ? "null" : $"{usage.PromptTokens}/{usage.CompletionTokens}/{usage.TotalTokens}";

        private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
    }
}
