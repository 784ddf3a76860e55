# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
.PHONY: demo test deps build

deps:
	@Scripts/install-deps

build: deps
	swift build --product galley

# Lints the bundled example articles: a clean explainer in four formats, and defective ones.
# galley exits 1 when it finds errors, which is what the defective examples are for.
demo: build
	.build/debug/galley lint Fixtures/explainer Fixtures/defective; status=$$?; test $$status -le 1

# Warnings fail the build, so `swift build` stays warning-free.
test: deps
	swift test -Xswiftc -warnings-as-errors
