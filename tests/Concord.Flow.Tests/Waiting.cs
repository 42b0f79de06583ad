namespace Concord.Flow.Tests;

internal static class Waiting
{
    /// <summary>Polls until the condition holds; fails the test after 30 s, which only a broken run takes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(100);
        }
    }
}
