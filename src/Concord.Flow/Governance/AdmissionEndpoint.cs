using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Governance;

/// <summary>Where a job's initiator asks this party for its word on a job before starting it anywhere.</summary>
internal static class AdmissionEndpoint
{
    public static void Map(WebApplication app, PartyJobs jobs)
    {
        app.MapPost(ControlPaths.JobAdmitRoute, async (HttpContext http, string jobId, JobStart start) =>
        {
            var self = jobs.Party.PartyId;
            if (start.JobId != jobId)
            {
                return Results.Text($"the path names job {jobId} but the body job {start.JobId}", statusCode: StatusCodes.Status400BadRequest);
            }
            try
            {
                var job = JobFile.Parse(start.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs);
                if (await ControlEndpoints.RefuseAsync(http, job.Roster.Guest) is IResult refused)
                {
                    return refused;
                }
                _ = job.Roster.RoleOf(self);
                return Results.Json(await jobs.Admission.AdmitAsync(start, job, http.RequestAborted), ControlJson.Options);
            }
            catch (JobRefusedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (Exception ex) when (ex is JobFileException or ArgumentException or InvalidOperationException)
            {
                return Results.Text($"party {self} refused job {jobId}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }
}
