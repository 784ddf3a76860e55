# syntax=docker/dockerfile:1
# Galley in a container, for CI images and the `galley-docker` pre-commit hook:
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/src" ghcr.io/galley-lint/galley lint content/
#
# build:   Swift on Debian bookworm with the -dev packages of Scripts/install-deps; the Swift
#          runtime is linked statically (--static-swift-stdlib), the C libraries are not.
# runtime: debian:bookworm-slim with exactly the Debian packages that hold the shared libraries
#          galley needs, and the spelling rule's dictionaries (data Hunspell reads at run time);
#          Scripts/check-container keeps this list equal to what ldd reports plus those.
# VERSION (a build argument; the release workflow passes the tag's) is what `galley --version`
# prints; without it, Scripts/version decides (X.Y.Z-dev.unknown, as .git is not copied in).
ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libxml2-dev libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libpcre2-dev libvectorscan-dev pkg-config libhunspell-dev hunspell-en-us hunspell-en-gb \
      libicu-dev hyphen-de hyphen-es hyphen-fr hyphen-it hyphen-nl hyphen-pt-br \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /galley
COPY . .
ARG VERSION=
RUN version="$(VERSION="$VERSION" Scripts/version)" \
 && swift build -c release --product galley --static-swift-stdlib -Xcc "-DGALLEY_VERSION=\"$version\"" \
 && install -D -m 755 "$(swift build -c release --show-bin-path)/galley" /out/galley \
 && install -d /out/share/galley/hyphen \
 && for name in $(sed -n 's/^HYPHEN_DICTIONARIES = //p' Makefile); do install -m 644 "/usr/share/hyphen/$name" /out/share/galley/hyphen/; done

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcmark-gfm-extensions0.29.0.gfm.6 libcmark-gfm0.29.0.gfm.6 libgcc-s1 libhunspell-1.7-0 libvectorscan5 libicu72 liblzma5 libpcre2-8-0 libstdc++6 libxml2 libyaml-0-2 zlib1g \
      hunspell-en-us hunspell-en-gb \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/galley /usr/local/bin/galley
# The hyphenation dictionaries galley reads at run time (syllables in six languages), beside bin/.
COPY --from=build /out/share/galley /usr/local/share/galley
# A library missing from the list above fails the image build here, not on a user's machine.
RUN galley --version
LABEL org.opencontainers.image.title="galley" \
      org.opencontainers.image.description="A content linter for article libraries (Markdown, HTML, DocBook XML, YAML)" \
      org.opencontainers.image.source="https://github.com/galley-lint/galley"
WORKDIR /src
ENTRYPOINT ["galley"]
