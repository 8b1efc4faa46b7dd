/* builtin.c: the default data files embedded with .incbin (the build runs
 * from the repository root, where these paths are). */
#include "builtin.h"

#define EMBED(sym, path)                                                   \
	__asm__(".section .rodata\n"                                       \
		".balign 16\n"                                             \
		".global " #sym "_start\n" #sym "_start:\n"               \
		".incbin \"" path "\"\n"                                   \
		".global " #sym "_end\n" #sym "_end:\n"                   \
		".byte 0\n"                                                \
		".previous\n");                                            \
	extern const char sym##_start[], sym##_end[];

EMBED(aw_questionnaire, "questionnaires/k8s-vs-serverless.yaml")
EMBED(aw_architectures, "assets/architectures.yaml")
EMBED(aw_case_studies, "assets/case-studies.yaml")
EMBED(aw_pricing_aws, "assets/pricing-aws.yaml")
EMBED(aw_pricing_gcp, "assets/pricing-gcp.yaml")
EMBED(aw_pricing_azure, "assets/pricing-azure.yaml")

const struct builtin_file builtin_questionnaire = {
	"questionnaires/k8s-vs-serverless.yaml", aw_questionnaire_start };
const struct builtin_file builtin_architectures = {
	"assets/architectures.yaml", aw_architectures_start };
const struct builtin_file builtin_case_studies = {
	"assets/case-studies.yaml", aw_case_studies_start };
const struct builtin_file builtin_pricing[3] = {
	{ "assets/pricing-aws.yaml", aw_pricing_aws_start },
	{ "assets/pricing-gcp.yaml", aw_pricing_gcp_start },
	{ "assets/pricing-azure.yaml", aw_pricing_azure_start },
};
