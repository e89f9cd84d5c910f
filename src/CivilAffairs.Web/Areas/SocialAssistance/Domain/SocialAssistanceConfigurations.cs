using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<AssistanceApplication>
{
    public void Configure(EntityTypeBuilder<AssistanceApplication> b)
    {
        b.ToTable("sa_applications");
        b.HasKey(a => a.Id);
        b.Ignore(a => a.Number);
        b.Ignore(a => a.IsOpen);
        b.Ignore(a => a.PaperworkPending);
        b.Property(a => a.TemporaryKind).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Programme).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Area).HasConversion<string>().HasMaxLength(8);
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.ApplicantName).HasMaxLength(50);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.StaffRelativeNote).HasMaxLength(500);
        b.Property(a => a.PayeeName).HasMaxLength(50);
        b.Property(a => a.BankName).HasMaxLength(50);
        b.Property(a => a.BankAccount).HasMaxLength(32);
        b.Property(a => a.VerificationReportNumber).HasMaxLength(32);
        b.Property(a => a.ApprovalLevel).HasMaxLength(8);
        b.Property(a => a.StreetOpinion).HasMaxLength(1000);
        b.Property(a => a.DecisionOpinion).HasMaxLength(1000);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.Property(a => a.AmountWorking).HasMaxLength(4000);
        b.OwnsOne(a => a.SelfCare, s => s.ToTable("sa_applications"));
        b.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Visits).WithOne().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Objections).WithOne().HasForeignKey(o => o.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.DivisionCode, a.Status });
        b.HasIndex(a => a.HouseholdId);
    }
}

internal sealed class ApplicationMemberConfiguration : IEntityTypeConfiguration<ApplicationMember>
{
    public void Configure(EntityTypeBuilder<ApplicationMember> b)
    {
        b.ToTable("sa_application_members");
        b.Property(m => m.IdNumber).HasMaxLength(18);
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.Relationship).HasMaxLength(16);
        b.Property(m => m.NotCountedReason).HasMaxLength(200);
        b.HasIndex(m => m.PersonId);
    }
}

internal sealed class ApplicationStepConfiguration : IEntityTypeConfiguration<ApplicationStep>
{
    public void Configure(EntityTypeBuilder<ApplicationStep> b)
    {
        b.ToTable("sa_application_steps");
        b.Property(s => s.Action).HasConversion<string>().HasMaxLength(24);
        b.Property(s => s.FromStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.ToStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.UserName).HasMaxLength(256);
        b.Property(s => s.RoleName).HasMaxLength(32);
        b.Property(s => s.Opinion).HasMaxLength(1200);
    }
}

internal sealed class HomeVisitConfiguration : IEntityTypeConfiguration<HomeVisit>
{
    public void Configure(EntityTypeBuilder<HomeVisit> b)
    {
        b.ToTable("sa_home_visits");
        b.Property(v => v.Investigators).HasMaxLength(300);
        b.Property(v => v.Findings).HasMaxLength(1000);
        b.Property(v => v.NeighbourVisits).HasMaxLength(1000);
        b.Property(v => v.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.ToTable("sa_objections");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(o => o.RaisedBy).HasMaxLength(100);
        b.Property(o => o.Content).HasMaxLength(1000);
        b.Property(o => o.Resolution).HasMaxLength(1000);
        b.Property(o => o.RecordedBy).HasMaxLength(256);
        b.Property(o => o.ResolvedBy).HasMaxLength(256);
    }
}

internal sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> b)
    {
        b.ToTable("sa_application_documents");
        b.Property(d => d.Kind).HasMaxLength(50);
        b.Property(d => d.FileName).HasMaxLength(200);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<AssistanceCase>
{
    public void Configure(EntityTypeBuilder<AssistanceCase> b)
    {
        b.ToTable("sa_cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Programme).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Area).HasConversion<string>().HasMaxLength(8);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.PayeeName).HasMaxLength(50);
        b.Property(c => c.BankName).HasMaxLength(50);
        b.Property(c => c.BankAccount).HasMaxLength(32);
        b.Property(c => c.StatusReason).HasMaxLength(500);
        b.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.DivisionCode, c.Status });
        b.HasIndex(c => c.HouseholdId);
        // one application makes at most one case
        b.HasIndex(c => c.ApplicationId).IsUnique();
    }
}

internal sealed class CaseMemberConfiguration : IEntityTypeConfiguration<CaseMember>
{
    public void Configure(EntityTypeBuilder<CaseMember> b)
    {
        b.ToTable("sa_case_members");
        b.Property(m => m.IdNumber).HasMaxLength(18);
        b.Property(m => m.Name).HasMaxLength(50);
        b.HasIndex(m => m.PersonId);
    }
}

internal sealed class RosterConfiguration : IEntityTypeConfiguration<PaymentRoster>
{
    public void Configure(EntityTypeBuilder<PaymentRoster> b)
    {
        b.ToTable("sa_rosters");
        b.HasKey(r => r.Id);
        b.Ignore(r => r.MonthText);
        b.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.StreetName).HasMaxLength(100);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.ReviewedBy).HasMaxLength(256);
        b.Property(r => r.LockedBy).HasMaxLength(256);
        b.Property(r => r.Error).HasMaxLength(500);
        // one roster per street and month: a second generation is refused (also by the database, for two at once)
        b.HasIndex(r => new { r.DivisionCode, r.Month }).IsUnique();
    }
}

internal sealed class RosterLineConfiguration : IEntityTypeConfiguration<RosterLine>
{
    public void Configure(EntityTypeBuilder<RosterLine> b)
    {
        b.ToTable("sa_roster_lines");
        b.HasKey(l => l.Id);
        b.Property(l => l.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(l => l.Programme).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(l => l.PayeeName).HasMaxLength(50);
        b.Property(l => l.BankName).HasMaxLength(50);
        b.Property(l => l.BankAccount).HasMaxLength(32);
        b.Property(l => l.Reason).HasMaxLength(500);
        b.HasIndex(l => l.RosterId);
        // never paid twice for a month: one regular line per case and month, whatever the roster
        b.HasIndex(l => new { l.CaseId, l.Month }).IsUnique().HasFilter("\"Kind\" = 'Regular'").HasDatabaseName("ix_sa_roster_lines_one_regular_payment");
    }
}

internal sealed class MedicalSettlementConfiguration : IEntityTypeConfiguration<MedicalSettlement>
{
    public void Configure(EntityTypeBuilder<MedicalSettlement> b)
    {
        b.ToTable("sa_medical_settlements");
        b.HasKey(s => s.Id);
        b.Property(s => s.IdNumber).HasMaxLength(18);
        b.Property(s => s.Name).HasMaxLength(50);
        b.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(s => s.Type).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Visit).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Institution).HasMaxLength(256);
        b.Property(s => s.BillNumber).HasMaxLength(50);
        b.Property(s => s.Working).HasMaxLength(2000);
        b.Property(s => s.SubmittedBy).HasMaxLength(256);
        b.Property(s => s.ReversedBy).HasMaxLength(256);
        b.Property(s => s.ReversalReason).HasMaxLength(500);
        // a hospital's bill is settled once: a repeated submission gets the first settlement back
        b.HasIndex(s => new { s.Institution, s.BillNumber }).IsUnique();
        b.HasIndex(s => new { s.PersonId, s.Year });
    }
}

internal sealed class MedicalCapUsageConfiguration : IEntityTypeConfiguration<MedicalCapUsage>
{
    public void Configure(EntityTypeBuilder<MedicalCapUsage> b)
    {
        b.ToTable("sa_medical_cap_usage");
        b.HasKey(u => u.Id);
        b.HasIndex(u => new { u.PersonId, u.Year }).IsUnique();
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("sa_case_events");
        b.Property(e => e.Action).HasMaxLength(32);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(700);
    }
}

internal sealed class OnlineRequestConfiguration : IEntityTypeConfiguration<OnlineRequest>
{
    public void Configure(EntityTypeBuilder<OnlineRequest> b)
    {
        b.ToTable("sa_online_requests");
        b.HasKey(r => r.Id);
        b.Ignore(r => r.Number);
        b.Property(r => r.Code).HasMaxLength(8);
        b.Property(r => r.Programme).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.IdNumber).HasMaxLength(18);
        b.Property(r => r.Name).HasMaxLength(50);
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.HandledBy).HasMaxLength(256);
        b.Property(r => r.DeclineReason).HasMaxLength(500);
        b.HasIndex(r => new { r.DivisionCode, r.Status });
    }
}

internal sealed class AidReferralConfiguration : IEntityTypeConfiguration<AidReferral>
{
    public void Configure(EntityTypeBuilder<AidReferral> b)
    {
        b.ToTable("sa_aid_referrals");
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.BaseProgramme).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.SchoolStage).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.IdNumber).HasMaxLength(18);
        b.Property(r => r.Name).HasMaxLength(50);
        b.Property(r => r.Need).HasMaxLength(1000);
        b.Property(r => r.Department).HasMaxLength(50);
        b.Property(r => r.ReferredBy).HasMaxLength(256);
        b.Property(r => r.Form).HasMaxLength(100);
        b.Property(r => r.Outcome).HasMaxLength(1000);
        b.Property(r => r.RecordedBy).HasMaxLength(256);
        b.HasIndex(r => new { r.DivisionCode, r.Status });
        b.HasIndex(r => r.HouseholdId);
        // at most one open referral per person and kind, and per household for housing (the feature checks first; these
        // decide between two clicks at the same moment)
        b.HasIndex(r => new { r.PersonId, r.Kind }).IsUnique().HasFilter("\"Status\" = 'Referred'").HasDatabaseName("ix_sa_aid_referrals_one_open");
        b.HasIndex(r => new { r.HouseholdId, r.Kind }).IsUnique().HasFilter("\"Status\" = 'Referred' AND \"Kind\" = 'Housing'").HasDatabaseName("ix_sa_aid_referrals_one_open_housing");
    }
}
