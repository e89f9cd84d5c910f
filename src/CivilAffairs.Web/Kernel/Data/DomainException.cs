namespace CivilAffairs.Web.Kernel.Data;

/// <summary>A business rule refused the operation; the message is shown to the user (zh-CN).</summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Entities whose edits are guarded by optimistic concurrency.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>Entities scoped to a division: the code of their community (or street).</summary>
public interface IDivisionScoped
{
    string DivisionCode { get; }
}
