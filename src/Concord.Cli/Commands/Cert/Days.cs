namespace Concord.Cli.Commands.Cert;

internal static class Days
{
    public static int Positive(int days) =>
        days > 0 ? days : throw new ArgumentException($"--days must be a positive number of days, not {days}");
}
