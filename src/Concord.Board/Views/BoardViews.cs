using Concord.Board.Access;
using Concord.Board.Views.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Board.Views;

/// <summary>Renders a page inside the board's frame, with the antiforgery token its forms carry.</summary>
internal sealed class BoardViews(IAntiforgery antiforgery, BoardParty party)
{
    public const string JobsSection = "Jobs";
    public const string DataSection = "Data";
    public const string ModelsSection = "Models";
    public const string ServingSection = "Serving";

    public PageFrame Frame(HttpContext http, string section)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new PageFrame(party.PartyId, BoardGate.TrySessionOf(http)?.Identity.ToString(),
            new FormToken(tokens.FormFieldName, tokens.RequestToken ?? ""), section);
    }

    public IResult Page<TPage>(HttpContext http, string section, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        parameters["Frame"] = Frame(http, section);
        return new RazorComponentResult<TPage>(parameters) { StatusCode = status };
    }

    public IResult Problem(HttpContext http, int status, string title, string message, string? back = null) =>
        Page<ProblemPage>(http, JobsSection, new() { ["Title"] = title, ["Message"] = message, ["Back"] = back }, status);

    /// <summary>Checks the form's antiforgery token; null when it holds, else the 400 page to answer with.</summary>
    public async Task<IResult?> RefuseForgeryAsync(HttpContext http)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "Request refused",
                "The form did not carry a valid antiforgery token, so nothing was changed. Reload the page and try again.", BoardPaths.Jobs);
        }
    }
}
