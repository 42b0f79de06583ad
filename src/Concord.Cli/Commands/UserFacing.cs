using System.CommandLine;

namespace Concord.Cli.Commands;

/// <summary>
/// Wraps a command action so that a failure reaches the user as one clear line, never a stack trace.
/// Set CONCORD_DEBUG=1 to see the trace when diagnosing a bug.
/// </summary>
internal static class UserFacing
{
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("canceled").ConfigureAwait(false);
                return 130;
            }
            catch (Exception ex)
            {
                await Console.Error.WriteLineAsync($"error: {Describe(ex)}").ConfigureAwait(false);
                if (Environment.GetEnvironmentVariable("CONCORD_DEBUG") == "1")
                {
                    await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
                }
                return 1;
            }
        });
    }

    /// <summary>The message chain, because the useful detail is often in an inner exception.</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (parts.Count == 0 || !parts[^1].Contains(e.Message, StringComparison.Ordinal))
            {
                parts.Add(e.Message);
            }
        }
        return string.Join(": ", parts);
    }
}
