using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SocialAssistanceApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sa_applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StaffRelative = table.Column<bool>(type: "INTEGER", nullable: false),
                    StaffRelativeNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SpecialCase = table.Column<bool>(type: "INTEGER", nullable: false),
                    IndividualPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    RigidSpendingMonthlyFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    BankAccount = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AuthorizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    VerificationReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    VerificationReportNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    VerifiedPerCapitaIncomeFen = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    InvestigationDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProcedureDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovalDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovalLevel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    StreetOpinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecisionOpinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MonthlyAmountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    AmountWorking = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    SelfCare_Eat = table.Column<bool>(type: "INTEGER", nullable: true),
                    SelfCare_Dress = table.Column<bool>(type: "INTEGER", nullable: true),
                    SelfCare_Transfer = table.Column<bool>(type: "INTEGER", nullable: true),
                    SelfCare_Toilet = table.Column<bool>(type: "INTEGER", nullable: true),
                    SelfCare_WalkIndoors = table.Column<bool>(type: "INTEGER", nullable: true),
                    SelfCare_Bathe = table.Column<bool>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sa_cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthlyAmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    StartMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    EndMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    BankAccount = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EnrolledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sa_application_documents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_application_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_application_documents_sa_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "sa_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sa_application_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Counted = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotCountedReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SevereDisability = table.Column<bool>(type: "INTEGER", nullable: false),
                    OtherDisability = table.Column<bool>(type: "INTEGER", nullable: false),
                    SeriousIllness = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_application_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_application_members_sa_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "sa_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sa_application_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RoleName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: true),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_application_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_application_steps_sa_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "sa_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sa_home_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Investigators = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ByDistrict = table.Column<bool>(type: "INTEGER", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    NeighbourVisits = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_home_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_home_visits_sa_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "sa_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sa_objections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_objections_sa_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "sa_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sa_case_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_case_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sa_case_members_sa_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "sa_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sa_application_documents_ApplicationId",
                table: "sa_application_documents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_application_members_ApplicationId",
                table: "sa_application_members",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_application_members_PersonId",
                table: "sa_application_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_application_steps_ApplicationId",
                table: "sa_application_steps",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_applications_DivisionCode_Status",
                table: "sa_applications",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_sa_applications_HouseholdId",
                table: "sa_applications",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_case_members_CaseId",
                table: "sa_case_members",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_case_members_PersonId",
                table: "sa_case_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_cases_ApplicationId",
                table: "sa_cases",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sa_cases_DivisionCode_Status",
                table: "sa_cases",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_sa_cases_HouseholdId",
                table: "sa_cases",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_home_visits_ApplicationId",
                table: "sa_home_visits",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_objections_ApplicationId",
                table: "sa_objections",
                column: "ApplicationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sa_application_documents");

            migrationBuilder.DropTable(
                name: "sa_application_members");

            migrationBuilder.DropTable(
                name: "sa_application_steps");

            migrationBuilder.DropTable(
                name: "sa_case_members");

            migrationBuilder.DropTable(
                name: "sa_home_visits");

            migrationBuilder.DropTable(
                name: "sa_objections");

            migrationBuilder.DropTable(
                name: "sa_cases");

            migrationBuilder.DropTable(
                name: "sa_applications");
        }
    }
}
