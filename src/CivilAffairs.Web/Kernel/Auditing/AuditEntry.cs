namespace CivilAffairs.Web.Kernel.Auditing;

/// <summary>Marks business entities whose every create/update/delete goes to the audit trail.</summary>
public interface IAudited
{
    string AuditDivisionCode { get; }
}

/// <summary>
/// Machine-generated rows created in bulk (a batch's findings): their creation is recorded as one operation line by
/// the code that creates them, not one line per row; later changes to them are audited as usual.
/// </summary>
public interface IBulkCreated : IAudited;

public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    /// <summary>A full ID or phone number was shown to a user.</summary>
    ViewPersonalData = 4,
    /// <summary>A business operation recorded with its own description (merge, move, sign-in…).</summary>
    Operation = 5,
}

/// <summary>One append-only line of the audit trail. The database refuses updates and deletes (triggers).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? DivisionCode { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>The person this line concerns, for searching the trail by person.</summary>
    public int? PersonId { get; set; }
    /// <summary>JSON object: property → [old, new]; or a free description for operations.</summary>
    public string? Changes { get; set; }
    public string? Description { get; set; }
}
