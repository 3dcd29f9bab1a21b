using System.Collections.Generic;

namespace NvidiaInference.Catalog
{
    /// <summary>
    /// Chat model ids of NVIDIA's hosted API catalog (build.nvidia.com), a snapshot for when no server can be asked:
    /// tab completion falls back to it.
    /// </summary>
    public static class KnownModels
    {
        /// <summary>The ids, sorted.</summary>
        public static IReadOnlyList<string> Ids { get; } = new[]
        {
            "deepseek-ai/deepseek-r1",
            "deepseek-ai/deepseek-r1-distill-llama-8b",
            "deepseek-ai/deepseek-r1-distill-qwen-32b",
            "google/gemma-2-27b-it",
            "google/gemma-2-2b-it",
            "google/gemma-2-9b-it",
            "google/gemma-3-27b-it",
            "meta/llama-3.1-405b-instruct",
            "meta/llama-3.1-70b-instruct",
            "meta/llama-3.1-8b-instruct",
            "meta/llama-3.2-1b-instruct",
            "meta/llama-3.2-3b-instruct",
            "meta/llama-3.3-70b-instruct",
            "meta/llama-4-maverick-17b-128e-instruct",
            "meta/llama-4-scout-17b-16e-instruct",
            "microsoft/phi-3-mini-128k-instruct",
            "microsoft/phi-3.5-mini-instruct",
            "microsoft/phi-4-mini-instruct",
            "mistralai/mistral-7b-instruct-v0.3",
            "mistralai/mistral-large-2-instruct",
            "mistralai/mixtral-8x22b-instruct-v0.1",
            "mistralai/mixtral-8x7b-instruct-v0.1",
            "nv-mistralai/mistral-nemo-12b-instruct",
            "nvidia/llama-3.1-nemotron-70b-instruct",
            "nvidia/llama-3.1-nemotron-nano-8b-v1",
            "nvidia/llama-3.1-nemotron-ultra-253b-v1",
            "nvidia/llama-3.3-nemotron-super-49b-v1",
            "nvidia/nemotron-mini-4b-instruct",
            "qwen/qwen2.5-7b-instruct",
            "qwen/qwen2.5-coder-32b-instruct",
            "qwen/qwq-32b",
        };
    }
}
