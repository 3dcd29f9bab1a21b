using System.Reflection;

namespace NvidiaInference.Payload
{
    /// <summary>The module's name and version as the build stamped them (the version comes from NvidiaInference.psd1).</summary>
    internal static class ModuleInfo
    {
        public static readonly string Version = ReadVersion();

        public static readonly string UserAgent = "NvidiaInference/" + Version;

        private static string ReadVersion()
        {
            string? informational = typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(informational))
            {
                return "0.0.0";
            }

            int metadata = informational!.IndexOf('+');
            return metadata < 0 ? informational : informational.Substring(0, metadata);
        }
    }
}
