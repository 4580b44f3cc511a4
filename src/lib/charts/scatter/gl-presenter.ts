/**
 * WebGL2 presentation of the large map's picture: the density worker's bitmap is uploaded once as a texture, and
 * each frame of a pan or zoom draws it as one textured rectangle moved and scaled by the change of zoom
 * transform (nearest-neighbour sampling, scissored to the plot): the same picture as the canvas 2D path's
 * drawImage. create() returns null where WebGL2 is missing, and the scatter keeps the canvas 2D path.
 */
const VERTEX = `#version 300 es
uniform vec4 rect;
uniform vec2 size;
out vec2 uv;
void main() {
	vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
	uv = corner;
	vec2 px = rect.xy + corner * rect.zw;
	gl_Position = vec4(px.x / size.x * 2.0 - 1.0, 1.0 - px.y / size.y * 2.0, 0.0, 1.0);
}`;
const FRAGMENT = `#version 300 es
precision mediump float;
uniform sampler2D picture;
in vec2 uv;
out vec4 colour;
void main() {
	colour = texture(picture, uv);
}`;

let kind: 'hardware' | 'software' | null | undefined;
/**
 * Whether this browser has WebGL2, and on what: 'software' for a CPU rasteriser (SwiftShader, as in headless
 * Chromium with --disable-gpu; llvmpipe), 'hardware' otherwise, null without WebGL2. Probed once on a canvas
 * of its own, whose context is then released.
 */
export function webgl2Kind(): 'hardware' | 'software' | null {
	if (kind !== undefined) return kind;
	if (typeof document === 'undefined') return null;
	const gl = document.createElement('canvas').getContext('webgl2');
	if (!gl) return (kind = null);
	const info = gl.getExtension('WEBGL_debug_renderer_info');
	const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
	kind = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) ? 'software' : 'hardware';
	gl.getExtension('WEBGL_lose_context')?.loseContext();
	return kind;
}

export class GlPresenter {
	private constructor(
		private gl: WebGL2RenderingContext,
		private rect: WebGLUniformLocation,
		private size: WebGLUniformLocation,
		private texture: WebGLTexture
	) {}

	static create(canvas: HTMLCanvasElement): GlPresenter | null {
		// preserveDrawingBuffer: the SVG and PNG downloads read the canvas after it was drawn.
		const gl = canvas.getContext('webgl2', { alpha: true, premultipliedAlpha: true, antialias: false, preserveDrawingBuffer: true });
		if (!gl) return null;
		const shader = (type: number, src: string) => {
			const s = gl.createShader(type)!;
			gl.shaderSource(s, src);
			gl.compileShader(s);
			return s;
		};
		const program = gl.createProgram()!;
		gl.attachShader(program, shader(gl.VERTEX_SHADER, VERTEX));
		gl.attachShader(program, shader(gl.FRAGMENT_SHADER, FRAGMENT));
		gl.linkProgram(program);
		if (!gl.getProgramParameter(program, gl.LINK_STATUS)) return null;
		gl.useProgram(program);
		const texture = gl.createTexture()!;
		gl.bindTexture(gl.TEXTURE_2D, texture);
		gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
		gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
		gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
		gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
		gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
		gl.enable(gl.SCISSOR_TEST);
		return new GlPresenter(gl, gl.getUniformLocation(program, 'rect')!, gl.getUniformLocation(program, 'size')!, texture);
	}

	/** The texture becomes this picture (the bitmap can be closed afterwards). */
	upload(bitmap: ImageBitmap) {
		const gl = this.gl;
		gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
	}

	/** Clears the canvas (pw × ph device pixels) and draws the texture at (x, y) with size (w, h), inside the clip. */
	draw(pw: number, ph: number, clip: { left: number; top: number; right: number; bottom: number }, x: number, y: number, w: number, h: number, hasPicture: boolean) {
		const gl = this.gl;
		gl.viewport(0, 0, pw, ph);
		gl.scissor(0, 0, pw, ph);
		gl.clearColor(0, 0, 0, 0);
		gl.clear(gl.COLOR_BUFFER_BIT);
		if (!hasPicture) return;
		// Scissor boxes count from the bottom edge.
		gl.scissor(clip.left, ph - clip.bottom, clip.right - clip.left, clip.bottom - clip.top);
		gl.uniform4f(this.rect, x, y, w, h);
		gl.uniform2f(this.size, pw, ph);
		gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
	}
}
