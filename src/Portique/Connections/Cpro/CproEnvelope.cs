namespace Portique.Connections.Cpro;

/// <summary>The Chorus Pro answer envelope: codeRetour 0 on success, the error otherwise, with Portique's stable code.</summary>
public static class CproEnvelope
{
    /// <summary>The label Chorus Pro puts on successful answers.</summary>
    public const string Success = "TRA_MSG_00.000";

    public static Dictionary<string, object> Ok() => new() { ["codeRetour"] = 0, ["libelle"] = Success };

    public static object Error(int status, string code, string libelle) =>
        new Dictionary<string, object> { ["codeRetour"] = status, ["libelle"] = libelle, ["code"] = code };
}
