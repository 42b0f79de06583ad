using System.CommandLine;
using Concord.Bench.Transport;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

internal static class BenchTransportCommand
{
    public static Command Build()
    {
        var command = new Command("transport", "Throughput of HTTP/2 mutual-TLS delivery of a ciphertext-like vector, against a raw loopback socket copy.");
        var count = new Option<int>("--ciphertexts") { Description = "Vector length", DefaultValueFactory = _ => 100_000 };
        var size = new Option<int>("--ciphertext-bytes") { Description = "Bytes per ciphertext (512 = a 2048-bit key's n^2)", DefaultValueFactory = _ => 512 };
        var reps = new Option<int>("--repetitions") { Description = "Measured repetitions; the best counts", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        command.Options.Add(count);
        command.Options.Add(size);
        command.Options.Add(reps);
        command.Options.Add(json);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var options = new TransportBenchmarkOptions(parse.GetValue(count), parse.GetValue(size), parse.GetValue(reps));
            var progress = new Progress<string>(line => Console.Error.WriteLine(line));
            var result = await TransportBenchmark.RunAsync(options, progress, ct);
            var table = new Table().AddColumns("path", "MB/s", "best time (s)");
            table.AddRow("HTTP/2 + mutual TLS (Concord)", $"{result.Http2MegabytesPerSecond:F1}", $"{result.Http2BestSeconds:F3}");
            table.AddRow("raw loopback socket (reference)", $"{result.RawSocketMegabytesPerSecond:F1}", $"{result.RawSocketBestSeconds:F3}");
            table.AddRow("TLS over a raw loopback socket (reference)", $"{result.TlsSocketMegabytesPerSecond:F1}", $"{result.TlsSocketBestSeconds:F3}");
            AnsiConsole.Write(table);
            Console.WriteLine($"payload {result.PayloadBytes / 1e6:F1} MB; Concord / raw socket = {result.RatioToRawSocket:F3}; Concord / TLS socket = {result.RatioToTlsSocket:F3}");
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }
}
