namespace CivilAffairs.Web.Kernel.Security;

/// <summary>Masks personal identifiers for lists and exports: 420202********1234 and 138****5678.</summary>
public static class PiiMask
{
    public static string IdNumber(string? id)
    {
        if (string.IsNullOrEmpty(id)) return string.Empty;
        if (id.Length <= 10) return new string('*', id.Length);
        return string.Concat(id.AsSpan(0, 6), new string('*', id.Length - 10), id.AsSpan(id.Length - 4));
    }

    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return string.Empty;
        if (phone.Length < 7) return new string('*', phone.Length);
        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }
}
