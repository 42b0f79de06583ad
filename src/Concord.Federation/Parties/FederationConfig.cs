using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Concord.Federation.Parties;

/// <summary>One party's entry in parties.yaml. Paths are resolved against the file's folder.</summary>
public sealed record PartyEntry(int Id, Role Role, Uri Address, string Certificate, string Key, string? Home);

/// <summary>
/// parties.yaml: the federation's members, their roles and addresses, and where each node finds its
/// certificate. Every node reads the same file; each uses only its own key.
/// </summary>
public sealed record FederationConfig(string Name, string CaCertificate, IReadOnlyList<PartyEntry> Parties, string SourceFile)
{
    /// <summary>The CA's revocation list (field <c>crl</c>; by default <c>ca.crl</c> beside the CA certificate); it need not exist.</summary>
    public string RevocationList { get; init; } = Path.Combine(Path.GetDirectoryName(CaCertificate) ?? ".", "ca.crl");

    public PartyEntry Party(int id) => Parties.FirstOrDefault(p => p.Id == id)
        ?? throw new FederationException($"unknown party {id}: {SourceFile} lists parties {string.Join(", ", Parties.Select(p => p.Id))}");

    public Transport.Http.PartyDirectory Directory() => new(Parties.ToDictionary(p => p.Id, p => p.Address));

    public static FederationConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FederationException($"party config {path} does not exist");
        }
        RawConfig raw;
        try
        {
            raw = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<RawConfig>(File.ReadAllText(path)) ?? new RawConfig();
        }
        catch (YamlException ex)
        {
            throw new FederationException($"{path} line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", inner: ex);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string? file, string field) => string.IsNullOrWhiteSpace(file)
            ? throw new FederationException($"{path}: field \"{field}\" is required")
            : Path.GetFullPath(Path.Combine(folder, file));
        if (raw.Parties is not { Count: > 0 })
        {
            throw new FederationException($"{path}: \"parties\" lists no party");
        }
        var parties = raw.Parties.Select((p, i) =>
        {
            var where = $"parties[{i}]" + (p.Id is int id ? $" (party {id})" : "");
            if (p.Id is not int partyId)
            {
                throw new FederationException($"{path}: {where} has no \"id\"");
            }
            Role role;
            try
            {
                role = RoleNames.Parse(p.Role ?? throw new FormatException("missing"));
            }
            catch (FormatException ex)
            {
                throw new FederationException($"{path}: {where} field \"role\": {ex.Message}");
            }
            if (!Uri.TryCreate(p.Address, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
            {
                throw new FederationException($"{path}: {where} field \"address\" must be an https:// URL, not \"{p.Address}\"");
            }
            return new PartyEntry(partyId, role, address, Resolve(p.Cert, $"{where}.cert"), Resolve(p.Key, $"{where}.key"),
                p.Home is null ? null : Path.GetFullPath(Path.Combine(folder, p.Home)));
        }).ToList();
        var duplicate = parties.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FederationException($"{path}: party {duplicate.Key} is listed {duplicate.Count()} times");
        }
        var config = new FederationConfig(raw.Federation ?? "concord", Resolve(raw.Ca, "ca"), parties, path);
        return raw.Crl is null ? config : config with { RevocationList = Resolve(raw.Crl, "crl") };
    }

    /// <summary>Writes a config whose paths are relative to <paramref name="path"/>'s folder.</summary>
    public static void Write(string path, string name, string caCertificate, IEnumerable<PartyEntry> parties)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Relative(string file) => Path.GetRelativePath(folder, file);
        var raw = new RawConfig
        {
            Federation = name,
            Ca = Relative(caCertificate),
            Parties = parties.Select(p => new RawParty
            {
                Id = p.Id,
                Role = p.Role.ToWire(),
                Address = p.Address.ToString().TrimEnd('/'),
                Cert = Relative(p.Certificate),
                Key = Relative(p.Key),
                Home = p.Home is null ? null : Relative(p.Home),
            }).ToList(),
        };
        var yaml = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build().Serialize(raw);
        File.WriteAllText(path, yaml);
    }

    private sealed class RawConfig
    {
        public string? Federation { get; set; }

        public string? Ca { get; set; }

        public string? Crl { get; set; }

        public List<RawParty>? Parties { get; set; }
    }

    private sealed class RawParty
    {
        public int? Id { get; set; }

        public string? Role { get; set; }

        public string? Address { get; set; }

        public string? Cert { get; set; }

        public string? Key { get; set; }

        public string? Home { get; set; }
    }
}
