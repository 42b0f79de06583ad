namespace Concord.Board.Tests;

/// <summary>Job files the board tests run on the guest and host of <see cref="BoardNodes"/>.</summary>
internal static class BoardJobs
{
    /// <summary>Two quick components (the test component takes no inputs, so they run side by side).</summary>
    public static readonly string Quick = Job(delayMs: 300);

    /// <summary>A job that runs for a minute unless stopped.</summary>
    public static readonly string Slow = Job(delayMs: 60_000);

    private static string Job(int delayMs) => $$"""
        job: { name: board-test, timeout: 120, seed: 1 }
        parties: { guest: {{BoardNodes.Guest}}, hosts: [{{BoardNodes.Host}}] }
        components:
          - name: first
            type: scale
            parameters: { value: 2.0, delay_ms: {{delayMs}} }
          - name: second
            type: scale
            parameters: { value: 1.0 }
        """;
}
