namespace Concord.Cli.Commands.Bench;

/// <summary>The checks bench commands share on their options, each refusal naming the option.</summary>
internal static class BenchArguments
{
    public static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1 (got {value})");
}
