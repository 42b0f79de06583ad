namespace Concord.Board.Tests;

public class BoardPathsTests
{
    [Fact]
    public void A_job_id_is_escaped_into_one_path_segment()
    {
        Assert.Equal("/board/jobs/a%2Fb%3Fc%20d", BoardPaths.Job("a/b?c d"));
    }
}
