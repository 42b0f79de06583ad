using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Concord.Bench.Paillier;

/// <summary>Finds, compiles (gcc -O2 … -lgmp into a temporary folder) and runs gmp_limit.c, and parses its one line.</summary>
public static partial class GmpLimitRunner
{
    private const string RelativeSource = "shared/bench/gmp_limit.c";

    /// <summary>The source given, or the first <c>shared/bench/gmp_limit.c</c> found walking up from the working and program folders.</summary>
    public static string? Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeSource);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static async Task<GmpLimitFigures> RunAsync(string? explicitPath, int keyBits, CancellationToken cancellationToken)
    {
        var source = Locate(explicitPath);
        if (source is null)
        {
            return GmpLimitFigures.Missing(explicitPath is null
                ? $"{RelativeSource} not found above {Directory.GetCurrentDirectory()} (pass --gmp-limit PATH)"
                : $"{explicitPath} does not exist");
        }
        var folder = Directory.CreateTempSubdirectory("concord-gmp-limit-");
        try
        {
            var binary = Path.Combine(folder.FullName, "gmp_limit");
            var (compiled, compileOutput) = await RunProcessAsync("gcc", ["-O2", "-o", binary, source, "-lgmp"], cancellationToken).ConfigureAwait(false);
            if (compiled is null)
            {
                return GmpLimitFigures.Missing("gcc is not installed, so gmp_limit.c could not be compiled");
            }
            if (compiled != 0)
            {
                return GmpLimitFigures.Missing($"gcc failed on {source}: {compileOutput.Trim()}");
            }
            var (exit, output) = await RunProcessAsync(binary, [keyBits.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
            return exit == 0 ? Parse(output) : GmpLimitFigures.Missing($"gmp_limit exited with {exit}: {output.Trim()}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads "GMP 2048-bit raw: full r^n mod n^2 149/s | DJN 448-bit-exp 660/s | mulmod n^2 …/s | …".</summary>
    public static GmpLimitFigures Parse(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("GMP ", StringComparison.Ordinal));
        if (line is null)
        {
            return GmpLimitFigures.Missing($"gmp_limit printed no 'GMP …' line: {output.Trim()}");
        }
        double? Rate(string label)
        {
            var match = Regex.Match(line, Regex.Escape(label) + @"[^|]*?\s(?<rate>[0-9.]+)/s");
            return match.Success ? double.Parse(match.Groups["rate"].Value, CultureInfo.InvariantCulture) : null;
        }
        return new GmpLimitFigures(line, null,
            Rate("full r^n mod n^2"), Rate("DJN"), Rate("mulmod n^2"), Rate("64-bit scalar powm"), Rate("CRT decrypt"));
    }

    /// <summary>Exit code and merged output, or a null exit code when the program could not be started.</summary>
    private static async Task<(int? Exit, string Output)> RunProcessAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
        }
    }
}
