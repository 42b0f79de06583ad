using Concord.Board.Access;
using Concord.Board.Views;
using Concord.Flow.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Board;

/// <summary>
/// The board on the node's own host, under /board: pages rendered on the server from this party's store, behind a
/// sign-in with the operator's credentials, every state-changing form protected by an antiforgery token.
/// </summary>
public sealed class BoardExtension : INodeExtension
{
    /// <summary>The folder in the party's home where the keys of the antiforgery tokens live, so a restart keeps them.</summary>
    public const string KeysFolder = "board-keys";

    public void AddServices(IServiceCollection services, NodeContext node)
    {
        services.AddRazorComponents();
        services.AddDataProtection()
            .SetApplicationName($"concord-board-{node.PartyId}")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(node.PartyHome, KeysFolder)));
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = "__board_csrf";
            options.Cookie.Name = "concord_board_csrf";
            options.Cookie.Path = BoardPaths.Root;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // The board's gate sets X-Frame-Options and frame-ancestors on every page itself.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton(new BoardParty(node.PartyId));
        services.AddSingleton(node.Store);
        services.AddSingleton(node);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BoardSessions>();
        services.AddSingleton<BoardViews>();
    }

    public void Map(WebApplication app, NodeContext node)
    {
        app.Use(new BoardGate(app.Services.GetRequiredService<BoardSessions>()).InvokeAsync);
        var board = app.MapGroup(BoardPaths.Root);
        StaticAssets.Map(board);
        SignInEndpoints.Map(board, node);
        JobEndpoints.Map(board, node);
        ChartEndpoints.Map(board, node);
        RegistryEndpoints.Map(board, node);
    }
}
