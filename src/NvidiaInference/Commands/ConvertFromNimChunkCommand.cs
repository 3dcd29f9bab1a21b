using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Json;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// ConvertFrom-NvChunk: turns server-sent-event lines, SSE text, chunk JSON or ConvertFrom-Json objects into the
    /// module's event and response objects, writing each as soon as its input arrives. ConvertFrom-NimChunk, its first
    /// name, stays as an alias; the class keeps that name so the FullyQualifiedErrorIds scripts already match do not change.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "NvChunk")]
    [Alias("ConvertFrom-NimChunk")]
    [OutputType(typeof(ChatCompletionEvent), typeof(ChatCompletionResponse), typeof(CompletionStreamChunk), typeof(CompletionResponse))]
    public sealed class ConvertFromNimChunkCommand : PSCmdlet
    {

        // One sink for the whole pipeline: each input's outcomes are written before the next input is read.
        private readonly DecodeSink _sink = new DecodeSink();
        private NimChunkDecoder _decoder = null!;
        private object? _lastInput;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public object? InputObject { get; set; }

        [Parameter]
        public SwitchParameter ToolCallProgress { get; set; }

        [Parameter]
        public SwitchParameter RawContent { get; set; }

        [Parameter]
        [ValidateRange(1024, int.MaxValue)]
        public int MaxEventSize { get; set; } = NimChunkDecoder.DefaultMaxEventSize;

        protected override void BeginProcessing() => _decoder = new NimChunkDecoder(new ChatReadOptions(ToolCallProgress, RawContent), MaxEventSize);

        protected override void ProcessRecord() => Accept(InputObject);

        protected override void EndProcessing() => Write(_decoder.End(), _lastInput);

        private void Accept(object? item)
        {
            object? input = item is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : item;
            switch (input)
            {
                case null:
                    Write(Decode(string.Empty), input);
                    break;
                case string text:
                    Write(Decode(text), text);
                    break;
                case PSObject or IDictionary:
                    string json;
                    try
                    {
                        json = PlainJson.Serialize(PowerShellValue.ToPlain(input));
                    }
                    catch (ArgumentException e)
                    {
                        // Nested too deep, or holding a value JSON cannot carry: this object is no chunk; the next may be.
                        WriteError(NimErrorRecords.FromDecoder(new NimProtocolException("The object cannot be read as a chunk: " + e.Message, null, e), input));
                        return;
                    }

                    Write(Decode(json), input);
                    break;
                case IEnumerable items:
                    // -InputObject (Get-Content x.sse): each element as if it had been piped.
                    foreach (object? element in items)
                    {
                        Accept(element);
                    }

                    return;
                default:
                    WriteError(NimErrorRecords.UnsupportedInput(input));
                    return;
            }

            _lastInput = input;
        }

        private DecodeSink Decode(string text)
        {
            _sink.Clear();
            _decoder.AcceptText(text, _sink);
            return _sink;
        }

        private void Write(DecodeSink results, object? input)
        {
            for (int i = 0; i < results.Count; i++)
            {
                Write(results[i], input);
            }
        }

        private void Write(IReadOnlyList<DecodedItem> results, object? input)
        {
            foreach (DecodedItem item in results)
            {
                Write(item, input);
            }
        }

        /// <summary>The one place where a failure in pipeline input becomes a non-terminating error for that input.</summary>
        private void Write(DecodedItem item, object? input)
        {
            if (item.Failure is Exception failure)
            {
                WriteError(NimErrorRecords.FromDecoder(failure, input));
            }
            else
            {
                ToolCallWarnings.Write(this, item.Result!);
                ReasoningWarnings.Write(this, item.Result!);
                WriteObject(item.Result);
            }
        }
    }
}
