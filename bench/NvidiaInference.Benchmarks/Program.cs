using System;
using System.IO;
using System.Text;
using NvidiaInference.Benchmarks;

// NvidiaInference.Benchmarks core RESULTS.json        runs the core's benchmarks and writes their medians
// NvidiaInference.Benchmarks transcript CHUNKS FILE    writes a generated chat transcript (for the pwsh benchmarks)
switch (args.Length > 0 ? args[0] : string.Empty)
{
    case "core" when args.Length == 2:
        CoreRun.Run(args[1]);
        return 0;
    case "transcript" when args.Length == 3:
        using (var writer = new StreamWriter(args[2], false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            ChatTranscript.Write(writer, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return 0;
    default:
        Console.Error.WriteLine("Usage: NvidiaInference.Benchmarks core RESULTS.json | transcript CHUNKS FILE");
        return 2;
}
