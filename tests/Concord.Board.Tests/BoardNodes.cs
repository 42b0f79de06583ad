using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Concord.Federation.Security;
using Concord.Flow.Api;
using Concord.Flow.Store;
using Concord.Flow.Tests;

namespace Concord.Board.Tests;

/// <summary>
/// A guest and a host node in this process, each serving its board, and browsers of the guest's board: HTTP clients
/// that trust the federation's CA, keep cookies, and follow no redirect so a test sees each one.
/// </summary>
internal sealed partial class BoardNodes : IAsyncDisposable
{
    public const int Guest = 9999;
    public const int Host = 10000;

    private readonly List<IDisposable> _owned = [];

    private BoardNodes(LoopbackNodes nodes) => Nodes = nodes;

    public LoopbackNodes Nodes { get; }

    public Uri Address => Nodes.Config.Party(Guest).Address;

    public string GuestHome => Nodes.Config.Party(Guest).Home!;

    public static async Task<BoardNodes> StartAsync() =>
        new(await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, [Host], arbiter: null, configure: s => s with { Extensions = [new BoardExtension()] }));

    /// <summary>A browser with no session yet.</summary>
    public HttpClient Browser()
    {
        var ca = CertificateFiles.LoadPublic(Nodes.Config.CaCertificate);
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && IssuedBy(certificate, ca),
        };
        var client = new HttpClient(handler) { BaseAddress = Address };
        _owned.Add(client);
        _owned.Add(ca);
        return client;
    }

    /// <summary>A browser signed in with the guest node's operator token.</summary>
    public async Task<HttpClient> SignedInAsync()
    {
        var browser = Browser();
        var response = await SignInAsync(browser, OperatorToken.Read(GuestHome));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string token)
    {
        var form = await FormTokenAsync(browser, BoardPaths.SignIn);
        return await browser.PostAsync(BoardPaths.SignIn, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [form.Field] = form.Value,
            ["token"] = token,
            ["with"] = "token",
            ["next"] = BoardPaths.Jobs,
        }));
    }

    /// <summary>The antiforgery field a page's forms carry (reading the page also sets its cookie in the browser).</summary>
    public static async Task<(string Field, string Value)> FormTokenAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        var match = HiddenToken().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery field");
        return (match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    /// <summary>A second handle on the guest's store, as another process would open it, to set up many jobs quickly.</summary>
    public async Task<IFlowStore> GuestStoreAsync()
    {
        var store = await FlowStore.OpenAsync(GuestHome, null);
        _owned.Add(store);
        return store;
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__board_csrf)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        await Nodes.DisposeAsync();
    }
}
